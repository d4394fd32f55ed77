/**
 * The <parallax-compare> widget (parallax-compare.js): Parallax in another site.
 *
 * Loading the script defines the element and `window.Parallax`; it adds no other global,
 * and loading it twice changes nothing. Sources come from JS (`el.sources = [...]`), else
 * from a same-origin JSON file (`src`), else from the element's `<article>` children.
 * Every widget on a page shares one core (one Web Worker), whose calls run in turn.
 *
 * The widget draws in an open shadow root. Theme it with `--parallax-*` custom properties
 * on the element (`--parallax-accent`, `--parallax-bg`, `--parallax-fg`, `--parallax-muted`,
 * `--parallax-card`, `--parallax-line`, `--parallax-font`, `--parallax-font-size` (px),
 * `--parallax-max-height`, …; the full list heads www/widget/widget.css) and `::part()`:
 * `frame`, `header`, `tabs`, `tab`, `tab-selected`, `status`, `view`, `message`, `footer`.
 */
import type { DiffOptions, Document, Input, Options, Report, Stage, WordDiff, Group, Member } from "./parallax";

/** The views the widget can show (its `view` attribute). */
export type ParallaxView = "aligned" | "reading" | "shared" | "unique" | "overview";

/** What `compare()` tells its `onProgress` callback. */
export interface ParallaxProgress {
    stage: Stage;
    done: number;
    total: number;
}

/** A rejected call of the API: `message` is a sentence for a reader. */
export interface ParallaxError extends Error {
    /** "invalid_input": bad input or options; "cancelled"; "crashed": the core stopped and was restarted. */
    code: "invalid_input" | "cancelled" | "crashed";
    /** With "crashed": whether it ran out of memory. */
    outOfMemory?: boolean;
}

/** `window.Parallax`: the same API as the page's, plus the element. */
export interface ParallaxApi {
    readonly version: string;
    /** Resolves once the core is loaded. */
    readonly ready: Promise<void>;
    compare(inputs: Input[], options?: Options, how?: { onProgress?: (progress: ParallaxProgress) => void }): Promise<Report>;
    ingest(input: Input): Promise<Document>;
    diff(pairs: { old: string; new: string }[], options?: DiffOptions): Promise<WordDiff[]>;
    /**
     * Stops the running call (it rejects with code "cancelled") and restarts the core. The
     * core is shared: this stops every widget's comparison too (they show the message).
     */
    cancel(): void;
    /** The element's class, to register under another name. */
    readonly CompareElement: typeof ParallaxCompareElement;
    /**
     * Registers the element under `name` (a valid custom element name) as a fresh subclass
     * of `CompareElement`, and returns it; if `name` is already the widget's, returns the
     * class registered there. Throws if another element has the name, or it is not valid.
     */
    defineElement(name: string): typeof ParallaxCompareElement;
}

/**
 * The detail of `parallax-select`: the group whose row was chosen in the aligned view and
 * the two passages its word diff compares; or, from the reading view, the group holding the
 * passage whose aligned passages were opened and all of that group's passages.
 */
export interface ParallaxSelectDetail {
    group: Group;
    /** The passages, with their sources' titles and their text (`report.sources[source].text.slice(start, end)`). */
    passages: (Member & { title: string; text: string })[];
}

/** The detail of `parallax-error`. */
export interface ParallaxErrorDetail {
    /** A sentence for a reader; the widget shows it too. */
    message: string;
    /**
     * The core's code; or "no_sources" (fewer than two sources with text), or "load_failed"
     * (the core could not start, or the `src` file could not be read: from a page opened
     * as file://, never). "invalid_input" also covers a bad `el.sources` or attribute.
     */
    code: ParallaxError["code"] | "no_sources" | "load_failed";
}

/**
 * `<parallax-compare view="aligned" mode="auto" granularity="sentence" src="sources.json">`
 * with optional `<article data-title data-url data-author data-date data-format>` children.
 * An article's `data-format` is "text", "markdown" or "html"; without it, an article with
 * element children is HTML (its innerHTML), else text (its textContent, dedented).
 * Attributes: `view` (default "aligned"); the core's options `mode`, `granularity`,
 * `min-score`, `min-shared-words`, `include-comments` (boolean; "false" counts as absent);
 * `src` (a same-origin JSON array of Input objects). A change of an option, of `src`, of
 * the children or of `sources` compares again (once per task, on the latest state); a
 * change of `view` only redraws. Nothing throws out of the element: a failure is shown in
 * place and fired as `parallax-error`.
 */
export declare class ParallaxCompareElement extends HTMLElement {
    /**
     * The sources compared (a copy). Setting them compares again, and they take precedence
     * over `src` and the children; setting `null` goes back to those.
     */
    get sources(): Input[];
    set sources(value: Input[] | null);
    /** The report shown, or null while none is: before the first comparison ends, or after one failed. */
    readonly report: Report | null;
    /** The view shown; mirrors the `view` attribute. */
    view: ParallaxView;
    /**
     * Compares the current sources now; resolves to the report (and fires `parallax-ready`),
     * or rejects with an Error whose `message` and `code` are those of the `parallax-error`
     * it fires (a ParallaxErrorDetail). A call overtaken by a later comparison settles
     * as the later one does.
     */
    compare(): Promise<Report>;
    addEventListener<K extends keyof ParallaxCompareEventMap>(type: K, listener: (this: ParallaxCompareElement, ev: ParallaxCompareEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
    addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

/** The events the element fires; all bubble and cross shadow roots (`composed`). */
export interface ParallaxCompareEventMap extends HTMLElementEventMap {
    /** A comparison finished; `detail` is the report. */
    "parallax-ready": CustomEvent<Report>;
    /** The reader chose a row (opened its word diff), changed the passages compared, or opened a passage's aligned passages in the reading view. */
    "parallax-select": CustomEvent<ParallaxSelectDetail>;
    /** A comparison failed or there was nothing to compare; the widget shows the message too. */
    "parallax-error": CustomEvent<ParallaxErrorDetail>;
}

declare global {
    interface Window {
        Parallax: ParallaxApi;
    }
    interface HTMLElementTagNameMap {
        "parallax-compare": ParallaxCompareElement;
    }
}
