import type { FaceApi } from './face-models.ts';
import type { FaceBox } from './face-types.ts';

/**
 * face-api's SSD MobileNet v1 face detector at an input size of our choosing.
 *
 * face-api always runs this model on a 512×512 input (~300–450 ms of CPU on one WASM thread),
 * because its anchor boxes are stored with the weights for that size only. The network itself
 * is fully convolutional, and the stored anchors follow the standard TF object-detection
 * generator: per feature-map cell, the same 3 or 6 box sizes, centred on the cell. For another
 * input size the anchors keep their size in pixels (the network responds to faces in pixels:
 * scaling them as fractions of the image instead made every box shrink with the input) and sit
 * on the smaller grids. At 512 this reproduces the stored tensor (ssd-detector.test.ts). Cost
 * grows with the square of the input size: 320 px costs ~40% of 512.
 */

/** Feature-map sides at 512 px and anchors per cell, as stored in the model's Output/extra_dim. */
const LAYERS_512 = [32, 16, 8, 4, 2, 1] as const;
const ANCHORS_PER_CELL = [3, 6, 6, 6, 6, 6] as const;

/**
 * Where each layer's cells sit in the input, for an input of `inputSize` px: cell i of layer l is
 * centred at pixel offset + i × stride. Every stride-2 convolution of this network is 3×3 with
 * TensorFlow "same" padding (conv_0, depthwise 2, 4, 6, 12 of MobileNet, then the four extra
 * layers): an output of ceil(n / 2) cells, padded by floor(((out − 1)·2 + 3 − n) / 2) before.
 */
export function layerGrids(inputSize: number): Array<{ cells: number; offset: number; stride: number }> {
  let n = inputSize;
  let offset = 0.5;
  let stride = 1;
  const step = (): void => {
    const out = Math.ceil(n / 2);
    const before = Math.floor(Math.max((out - 1) * 2 + 3 - n, 0) / 2);
    offset += stride * (1 - before);
    stride *= 2;
    n = out;
  };
  for (let i = 0; i < 4; i++) step(); // conv11: stride 16
  const grids = [{ cells: n, offset, stride }];
  for (let l = 1; l < 6; l++) {
    step();
    grids.push({ cells: n, offset, stride });
  }
  return grids;
}

/** Box sizes [h, w] of each layer's anchors, read from the stored 512 px anchors (first cell of each layer). */
export function anchorSizes(stored: number[][]): Array<Array<[number, number]>> {
  const sizes: Array<Array<[number, number]>> = [];
  let k = 0;
  for (const [l, side] of LAYERS_512.entries()) {
    const n = ANCHORS_PER_CELL[l]!;
    sizes.push(Array.from({ length: n }, (_, j) => [stored[k + j]![2]! - stored[k + j]![0]!, stored[k + j]![3]! - stored[k + j]![1]!] as [number, number]));
    k += side * side * n;
  }
  return sizes;
}

/**
 * Anchors [ymin, xmin, ymax, xmax] (fractions of the square input) for `inputSize`. The network
 * responds to faces in pixels, so an anchor keeps its size in pixels (the stored 512 px size);
 * its centre is the stored one, moved by however much the padding shifts that layer's cells at
 * this size compared with 512 (none when every halving is even, e.g. 256 or 384 for the first layers).
 */
export function makeAnchors(sizes: Array<Array<[number, number]>>, inputSize: number): Float32Array {
  const ref = layerGrids(512);
  const out: number[] = [];
  for (const [l, g] of layerGrids(inputSize).entries()) {
    const shift = g.offset - ref[l]!.offset;
    const centre = (i: number): number => ((i + 0.5) * g.stride + shift) / inputSize;
    for (let y = 0; y < g.cells; y++) {
      for (let x = 0; x < g.cells; x++) {
        for (const [h0, w0] of sizes[l]!) {
          const h = (h0 * 512) / inputSize;
          const w = (w0 * 512) / inputSize;
          out.push(centre(y) - h / 2, centre(x) - w / 2, centre(y) + h / 2, centre(x) + w / 2);
        }
      }
    }
  }
  return Float32Array.from(out);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Tensor = any;
const anchorCache = new Map<number, Tensor>();

function anchorsFor(api: FaceApi, inputSize: number): Tensor {
  let t = anchorCache.get(inputSize);
  if (!t) {
    const stored = api.nets.ssdMobilenetv1.params.output_layer.extra_dim.arraySync()[0] as number[][];
    const flat = makeAnchors(anchorSizes(stored), inputSize);
    t = api.tf.keep(api.tf.tensor3d(flat, [1, flat.length / 4, 4]));
    anchorCache.set(inputSize, t);
  }
  return t;
}

export interface SsdDetection {
  /** Box in the pixels of the image tensor given. */
  box: FaceBox;
  score: number;
}

/**
 * Runs the SSD on a 3-D int32/float image tensor at `inputSize` (the image is padded to a square
 * on the right/bottom and resized, as face-api does) and returns the boxes that survive
 * non-maximum suppression (IoU > 0.5 suppressed, face-api's setting), best first.
 */
export async function detectSsd(api: FaceApi, image: Tensor, opts: { inputSize: number; minScore: number; maxResults: number }): Promise<SsdDetection[]> {
  const net = api.nets.ssdMobilenetv1;
  const [height, width] = image.shape as [number, number, number];
  const anchors = opts.inputSize === 512 ? net.params.output_layer.extra_dim : anchorsFor(api, opts.inputSize);
  // face-api's forwardInput asks its input for a 512 px batch; hand it our size instead, and run it
  // with our anchors. Everything else (normalisation, backbone, heads, box decoding) is face-api's.
  const sized = Object.create(net, { params: { value: { ...net.params, output_layer: { extra_dim: anchors } } } });
  const netInput = await api.toNetInput(image);
  const { boxes, scores } = sized.forwardInput({ toBatchTensor: () => netInput.toBatchTensor(opts.inputSize, false) });
  try {
    const s = (await scores[0].data()) as Float32Array;
    const b = (await boxes[0].data()) as Float32Array;
    const side = Math.max(width, height);
    return nms(b, s, opts.maxResults, 0.5, opts.minScore).map((i) => {
      const ymin = Math.max(0, b[i * 4]!) * side;
      const xmin = Math.max(0, b[i * 4 + 1]!) * side;
      const ymax = Math.min(1, b[i * 4 + 2]!) * side;
      const xmax = Math.min(1, b[i * 4 + 3]!) * side;
      // Clip to the real image: the padding is not part of it.
      const x = Math.min(xmin, width);
      const y = Math.min(ymin, height);
      return { box: { x, y, w: Math.min(xmax, width) - x, h: Math.min(ymax, height) - y }, score: s[i]! };
    });
  } finally {
    for (const t of [...boxes, ...scores]) t.dispose();
  }
}

/** Greedy non-maximum suppression over [ymin, xmin, ymax, xmax] boxes, as face-api does it. */
export function nms(boxes: Float32Array, scores: Float32Array, maxResults: number, iouThreshold: number, minScore: number): number[] {
  const order = Array.from(scores.keys()).filter((i) => scores[i]! > minScore).sort((a, b) => scores[b]! - scores[a]!);
  const kept: number[] = [];
  for (const i of order) {
    if (kept.length >= maxResults) break;
    if (kept.every((j) => iou(boxes, i, j) <= iouThreshold)) kept.push(i);
  }
  return kept;
}

function iou(b: Float32Array, i: number, j: number): number {
  const [y0, x0, y1, x1] = [Math.min(b[i * 4]!, b[i * 4 + 2]!), Math.min(b[i * 4 + 1]!, b[i * 4 + 3]!), Math.max(b[i * 4]!, b[i * 4 + 2]!), Math.max(b[i * 4 + 1]!, b[i * 4 + 3]!)];
  const [v0, u0, v1, u1] = [Math.min(b[j * 4]!, b[j * 4 + 2]!), Math.min(b[j * 4 + 1]!, b[j * 4 + 3]!), Math.max(b[j * 4]!, b[j * 4 + 2]!), Math.max(b[j * 4 + 1]!, b[j * 4 + 3]!)];
  const a1 = (y1 - y0) * (x1 - x0);
  const a2 = (v1 - v0) * (u1 - u0);
  if (a1 <= 0 || a2 <= 0) return 0;
  const inter = Math.max(Math.min(y1, v1) - Math.max(y0, v0), 0) * Math.max(Math.min(x1, u1) - Math.max(x0, u0), 0);
  return inter / (a1 + a2 - inter);
}
