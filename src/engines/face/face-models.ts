import { createRequire } from 'node:module';
import path from 'node:path';
import { packageDir } from './package-dir.ts';

const require = createRequire(import.meta.url);

/** The face-api module (typed loosely: its bundled d.ts drags in tfjs types we do not need). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FaceApi = any;

let faceApi: Promise<FaceApi> | undefined;

/**
 * Loads @vladmandic/face-api on the tfjs WASM backend once per thread: the SSD detector,
 * 68-point landmarks and the dlib ResNet descriptor, all from the package's own model folder.
 * The WASM binaries come from the local tfjs-backend-wasm package; nothing is fetched.
 */
export function loadFaceApi(): Promise<FaceApi> {
  faceApi ??= (async () => {
    const api = require(path.join(packageDir('@vladmandic/face-api'), 'dist/face-api.node-wasm.js'));
    await initWasmBackend(api.tf);
    const modelDir = path.join(packageDir('@vladmandic/face-api'), 'model');
    await api.nets.ssdMobilenetv1.loadFromDisk(modelDir);
    await api.nets.faceLandmark68Net.loadFromDisk(modelDir);
    await api.nets.faceRecognitionNet.loadFromDisk(modelDir);
    return api;
  })();
  return faceApi;
}

let backendReady: Promise<void> | undefined;

/** One tfjs-core instance is shared by face-api and human in a thread; set its backend once. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function initWasmBackend(tf: any): Promise<void> {
  backendReady ??= (async () => {
    const wasm = require(packageDir('@tensorflow/tfjs-backend-wasm'));
    // Without the platform-fetch flag the emscripten loader reads the .wasm file from disk.
    wasm.setWasmPaths(path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist') + path.sep);
    await tf.setBackend('wasm');
    await tf.ready();
  })();
  return backendReady;
}
