/*
 * window.Parallax: the page's JavaScript API (documented in README.md).
 *
 *   Parallax.version              "0.1.0"
 *   Parallax.ready                Promise, resolves when the core is loaded
 *   Parallax.compare(inputs, opt, {onProgress}?)
 *                                 Promise<Report>; inputs = [{title, text | html, format?, overrides?,
 *                                 author?, date?, url?}, ...]; onProgress({stage, done, total}) is
 *                                 called as each input is read ("reading") and cut into passages
 *                                 ("segmenting"), then as "aligning" and "reporting" begin
 *   Parallax.ingest(input)        Promise<Document>; input = {title, text | html, format?, overrides?}:
 *                                 one source's text cut into classified blocks (body, heading,
 *                                 caption, boilerplate, comment, metadata), as compare sees it
 *   Parallax.diff(pairs, opt)     Promise<WordDiff[]>; pairs = [{old, new}, ...]
 *   Parallax.cancel()             stops the running call (it rejects) and restarts the core
 *
 * The Rust core runs in a Web Worker built from a Blob URL, so it works from file://
 * and never blocks the page. If the core crashes (a Rust panic or a trap, such as
 * running out of memory, aborts the wasm instance), the call rejects with an Error
 * whose `code` is "crashed" (and `outOfMemory` true when that was the cause), and a
 * fresh worker is started; nothing the page holds is lost. Bad input rejects with an Error
 * whose `message` is a sentence for the user and whose `code` is "invalid_input";
 * a cancelled call rejects with `code` "cancelled". All three calls share the worker
 * and these rules.
 *
 * Needs `ParallaxCore = {version, glue, wasmBase64}` in the scope it is run with (the page's
 * global object; the widget's own object, see scripts/widget.mjs), written by
 * scripts/assemble.mjs from wasm-pack's no-modules output. If that scope has
 * `ParallaxExtend(api)`, what it returns is added to the API before it is frozen.
 * Whatever the scope, the API is defined on the real global object as `Parallax`.
 */
(function (scope) {
  'use strict';
  const global = typeof window !== 'undefined' ? window : self;
  if (global.Parallax) return; // loaded twice: keep the first
  const core = scope.ParallaxCore;

  // Runs inside the worker, after the wasm-bindgen glue.
  function workerMain() {
    let lastPanic = null;
    let exports = null;
    // A trap with no panic before it, in an instance that has grown past 1 GiB, is
    // the allocator giving up: say so, since the cure (less text) is the user's.
    function outOfMemory() {
      const bytes = exports && exports.memory ? exports.memory.buffer.byteLength : 0;
      return bytes > (1 << 30) ? Math.round(bytes / (1 << 20)) : 0;
    }
    self.parallaxPanicHook = function (message) { lastPanic = message; };
    const methods = {
      compare: (a, id) => wasm_bindgen.compare(a[0], a[1], a[2]
        ? (stage, done, total) => self.postMessage({ id, progress: { stage, done, total } })
        : undefined),
      ingest: (a) => wasm_bindgen.ingest(a[0]),
      diff: (a) => a[0].map((p) => wasm_bindgen.diff(String(p.old), String(p.new), a[1])),
      crash: (a) => wasm_bindgen.crashForTesting(a[0]),
    };
    self.onmessage = function (event) {
      const msg = event.data;
      if (msg.init) {
        try {
          exports = wasm_bindgen.initSync({ module: msg.init });
          self.postMessage({ ready: true, version: wasm_bindgen.version() });
        } catch (err) {
          self.postMessage({ ready: false, message: String(err && err.message || err) });
        }
        return;
      }
      try {
        const method = methods[msg.method];
        if (!method) throw new Error('Unknown method ' + msg.method);
        const result = method(msg.args, msg.id);
        self.postMessage({ id: msg.id, ok: true, result, memory: exports ? exports.memory.buffer.byteLength : 0 });
      } catch (err) {
        const crashed = lastPanic !== null || err instanceof WebAssembly.RuntimeError;
        const mib = crashed && lastPanic === null ? outOfMemory() : 0;
        self.postMessage({
          id: msg.id, ok: false, crashed, outOfMemory: mib > 0,
          message: mib > 0
            ? `it ran out of memory (${mib} MiB in use; the texts are too large for this browser tab)`
            : crashed ? (lastPanic || String(err.message)) : String(err && err.message || err),
        });
      }
    };
  }

  // A worker whose wasm memory has grown past this is replaced once idle.
  const RECYCLE_BYTES = 64 * 1024 * 1024;
  let wasmBytes = null;
  let worker = null;
  let nextId = 1;
  const pending = new Map();
  let readyResolve, readyReject;
  const ready = new Promise((res, rej) => { readyResolve = res; readyReject = rej; });
  let workerReady = null;

  function decodeBase64(b64) {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  }

  function failAll(error) {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  }

  function startWorker() {
    const src = 'self.window = self;\n' + core.glue + '\n;(' + workerMain.toString() + ')();\n';
    const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
    const w = new Worker(url);
    URL.revokeObjectURL(url);
    worker = w;
    workerReady = new Promise((resolve, reject) => {
      w.onmessage = (event) => {
        const msg = event.data;
        if ('ready' in msg) {
          if (msg.ready) resolve(); else reject(new Error('Parallax could not start: ' + msg.message));
          return;
        }
        const call = pending.get(msg.id);
        if (!call) return;
        if (msg.progress) {
          try { call.onProgress(msg.progress); } catch (err) { console.error(err); }
          return;
        }
        pending.delete(msg.id);
        if (msg.ok) {
          call.resolve(msg.result);
          // Wasm memory only grows: after a large comparison the worker keeps its peak
          // for good. A fresh worker gives it back before the page draws the result.
          if (msg.memory > RECYCLE_BYTES && pending.size === 0) recycle();
        } else if (msg.crashed) {
          const err = new Error(msg.outOfMemory
            ? 'Parallax stopped and was restarted: ' + msg.message + '. Try fewer or shorter texts.'
            : 'Parallax hit an internal error and was restarted: ' + msg.message);
          err.code = 'crashed';
          err.outOfMemory = Boolean(msg.outOfMemory);
          call.reject(err);
          restart(err);
        } else {
          const err = new Error(msg.message);
          err.code = 'invalid_input';
          call.reject(err);
        }
      };
      w.onerror = (event) => {
        event.preventDefault();
        const err = new Error('Parallax stopped unexpectedly: ' + (event.message || 'worker error'));
        err.code = 'crashed';
        reject(err);
        restart(err);
      };
    });
    // Keep the module bytes in this thread: a restart must not need them again from anywhere.
    w.postMessage({ init: wasmBytes });
    return workerReady;
  }

  /** Replaces an idle worker with a fresh one, to give its memory back. */
  function recycle() {
    worker.terminate();
    worker = null;
    startWorker().catch(() => {});
  }

  function restart(error) {
    if (worker) worker.terminate();
    worker = null;
    failAll(error);
    startWorker().catch(() => {});
  }

  // A call is pending from the moment it is made, so cancel() right after it
  // always reaches it; it is posted once the core is ready, unless cancelled first.
  function call(method, args, onProgress) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject, onProgress });
      ready.then(() => workerReady).then(
        () => { if (pending.has(id)) worker.postMessage({ id, method, args }); },
        (err) => { if (pending.delete(id)) reject(err); });
    });
  }

  function cancel() {
    const err = new Error('Cancelled.');
    err.code = 'cancelled';
    if (pending.size > 0) restart(err);
  }

  const api = {
    version: core ? core.version : 'unknown',
    ready,
    compare: (inputs, options, how) => (how && typeof how.onProgress === 'function'
      ? call('compare', [inputs, options, true], how.onProgress)
      : call('compare', [inputs, options])),
    ingest: (input) => call('ingest', [input]),
    diff: (pairs, options) => call('diff', [pairs, options]),
    cancel,
    /** Makes the core fail on purpose, for tests of recovery: a panic, or with "oom" out of memory. */
    crashForTesting: (kind) => call('crash', [kind]),
  };
  if (typeof scope.ParallaxExtend === 'function') Object.assign(api, scope.ParallaxExtend(api));
  Object.defineProperty(global, 'Parallax', { value: Object.freeze(api), enumerable: true });

  try {
    if (!core) throw new Error('the core (ParallaxCore) is missing; run ./run.sh to build it');
    wasmBytes = decodeBase64(core.wasmBase64);
    startWorker().then(() => readyResolve(), (err) => readyReject(err));
  } catch (err) {
    readyReject(new Error('Parallax could not start: ' + err.message));
  }
})(globalThis);
