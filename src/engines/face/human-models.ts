import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { initWasmBackend } from './face-models.ts';
import { packageDir } from './package-dir.ts';

const require = createRequire(import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HumanInstance = any;

const SCHEME = 'idgate-model://';
let human: Promise<HumanInstance> | undefined;

/**
 * Loads @vladmandic/human once per thread for head pose (face mesh), antispoof and liveness.
 * Node's fetch cannot read file:// URLs, so a tfjs IO router serves the models that ship in the
 * package from disk under a private URL scheme; nothing is fetched from the network. Identity is
 * NOT taken from human (its embedding is weaker than face-api's dlib descriptor).
 */
export function loadHuman(): Promise<HumanInstance> {
  human ??= (async () => {
    const dir = packageDir('@vladmandic/human');
    const mod = require(path.join(dir, 'dist/human.node-wasm.js'));
    const H = mod.Human ?? mod.default;
    const wasmDir = path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist') + path.sep;
    const instance = new H({
      backend: 'wasm',
      wasmPath: wasmDir,
      wasmPlatformFetch: false,
      modelBasePath: SCHEME,
      cacheModels: false,
      debug: false,
      warmup: 'none',
      filter: { enabled: false },
      gesture: { enabled: false },
      body: { enabled: false },
      hand: { enabled: false },
      object: { enabled: false },
      segmentation: { enabled: false },
      face: {
        enabled: true,
        detector: { rotation: false, maxDetected: 5, minConfidence: 0.3, skipFrames: 0, skipTime: 0 },
        mesh: { enabled: true },
        attention: { enabled: false },
        iris: { enabled: false },
        description: { enabled: false },
        emotion: { enabled: false },
        antispoof: { enabled: true, skipFrames: 0, skipTime: 0 },
        liveness: { enabled: true, skipFrames: 0, skipTime: 0 },
      },
    });
    await initWasmBackend(instance.tf);
    registerModelRouter(instance.tf, path.join(dir, 'models'));
    await instance.load();
    return instance;
  })();
  return human;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function registerModelRouter(tf: any, modelDir: string): void {
  tf.io.registerLoadRouter((url: string | string[]) => {
    if (typeof url !== 'string' || !url.startsWith(SCHEME)) return null;
    const file = path.join(modelDir, path.basename(url.slice(SCHEME.length)));
    return { load: () => loadArtifacts(file) };
  });
}

async function loadArtifacts(jsonFile: string): Promise<unknown> {
  const json = JSON.parse(await fs.readFile(jsonFile, 'utf8'));
  const specs: unknown[] = [];
  const buffers: Buffer[] = [];
  for (const group of json.weightsManifest ?? []) {
    specs.push(...group.weights);
    for (const p of group.paths) buffers.push(await fs.readFile(path.join(path.dirname(jsonFile), p)));
  }
  const all = Buffer.concat(buffers);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs: specs,
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
  };
}
