// What a bundler user of the npm package writes: it must type-check against pkg/'s
// declarations (generated from src/ts/types.d.ts and www/widget/parallax-compare.d.ts).
// Never run; `tsc -p tests/types` only checks it. The @ts-expect-error lines check that
// mistakes are caught, so the types are not just `any`.
import { compare, diff, ingest, type Input, type Report, type Stage } from "../../pkg/parallax";
import type { ParallaxCompareElement, ParallaxSelectDetail } from "../../pkg/parallax-compare";

const inputs: Input[] = [
    { title: "Wire", text: "Talks opened in Geneva.", author: "Ann Lee", url: "https://example.org/a" },
    { title: "Paper", html: "<p>Geneva talks began.</p>", date: "2022-01-10" },
];
const stages: Stage[] = [];
const report: Report = compare(inputs, { mode: "topic", min_score: 0.25 }, (stage, done, total) => {
    stages.push(stage);
    console.log(`${stage} ${done}/${total}`);
});
const firstGroup = report.groups[0];
const text: string = report.sources[firstGroup.members[0].source].text;
const share: number = report.coverage[0][1];
const words: number = diff("a b", "a c", { case_sensitive: false }).ops.filter((op) => op.kind !== "equal").length;
const blocks = ingest(inputs[0]).blocks.map((b) => b.kind);
compare(inputs, undefined, undefined);

// @ts-expect-error: mode is one of "auto" | "topic" | "version"
compare(inputs, { mode: "fast" }, undefined);
// @ts-expect-error: an input's text is a string
compare([{ title: "x", text: 5 }], undefined, undefined);

// The widget, through window.Parallax and the element.
async function widget(): Promise<void> {
    await window.Parallax.ready;
    const again: Report = await window.Parallax.compare(inputs, { granularity: "paragraph" }, {
        onProgress: ({ stage, done, total }) => console.log(stage, done, total),
    });
    const el: ParallaxCompareElement = document.createElement("parallax-compare");
    el.sources = inputs;
    el.view = "overview";
    el.addEventListener("parallax-ready", (event) => console.log(event.detail.groups.length));
    el.addEventListener("parallax-select", (event) => {
        const detail: ParallaxSelectDetail = event.detail;
        console.log(detail.group.score, detail.passages.map((p) => `${p.title}: ${p.text}`));
    });
    document.body.append(el);
    const fresh: Report = await el.compare();
    const Other = window.Parallax.defineElement("my-compare");
    console.log(again.mode, fresh.sources.length, el.report?.groups.length, new Other() instanceof HTMLElement);
    // @ts-expect-error: "table" is not a view
    el.view = "table";
}
console.log(text, share, words, blocks, stages, widget);
