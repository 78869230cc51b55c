// Starts the measurement worker (web/src/bin/measure_worker.rs). The page posts its request
// as soon as the worker exists, before the wasm has loaded: requests that arrive early wait
// here and are handed to the worker's own handler once it has started.
const early = [];
self.onmessage = (event) => early.push(event);
importScripts('./measure-worker.js');
wasm_bindgen({ module_or_path: './measure-worker_bg.wasm' }).then(() => {
  for (const event of early) self.onmessage(event);
});
