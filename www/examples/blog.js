// The example blog's script: feeds its second <parallax-compare> from JavaScript, as a host
// page would with texts it already holds (made up, like every text of the example).
document.getElementById('notices').sources = [
  { title: 'Lighthouse Trust', author: 'Mira Talbot',
    text: 'The Larkhaven lighthouse will be relit on Saturday at nine o\'clock in the evening, forty years after it went dark.\n\n'
      + 'The restoration took three years. Volunteers rebuilt the spiral staircase and replaced 212 panes of glass in the lantern room.\n\n'
      + 'The light will shine for one hour each Saturday through the summer. Thank you to every family who gave to the appeal.' },
  { title: 'Town council',
    text: 'The council welcomes the relighting of the Larkhaven lighthouse on Saturday evening.\n\n'
      + 'The work was paid for by local families and a lottery grant of £250,000. Council engineers inspected the tower for safety in May.\n\n'
      + 'The north pier will be closed to traffic from six o\'clock on Saturday evening.' },
  { title: 'Tourist office',
    text: 'See the Larkhaven lighthouse shine again: the light will shine for one hour each Saturday through the summer.\n\n'
      + 'The keeper\'s cottage museum opens in July, from ten to four, Tuesday to Sunday. Entry is free for children.\n\n'
      + 'The north pier is the best place to watch the beam sweep across the bay.' },
  { title: 'A volunteer’s blog',
    text: 'Three years of Saturdays on a ladder: tonight the lighthouse comes back on.\n\n'
      + 'I spent most of last winter on the spiral staircase, which we rebuilt by hand, step by step.\n\n'
      + 'We replaced 212 panes of glass in the lantern room. Come to the north pier at nine o\'clock and watch.' },
];
