import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.ts';
import { loadFaceApi, type FaceApi } from './face-models.ts';
import type { FaceBox } from './face-types.ts';
import { packageDir } from './package-dir.ts';
import { anchorSizes, detectSsd, layerGrids, makeAnchors, nms } from './ssd-detector.ts';

describe('SSD anchors for other input sizes', () => {
  it('lays the cells of each layer as TensorFlow "same" padding does', () => {
    expect(layerGrids(512).map((g) => g.cells)).toEqual([32, 16, 8, 4, 2, 1]);
    expect(layerGrids(320).map((g) => g.cells)).toEqual([20, 10, 5, 3, 2, 1]);
    // Even inputs are padded after only, so each stride-2 layer moves its cells down/right by one
    // input pixel: conv11's cells sit at 15.5 + 16·i px at both sizes, where the stored anchors
    // assume 8 + 16·i (the network learned that offset). 5 → 3 cells is padded on both sides.
    expect(layerGrids(512)[0]).toEqual({ cells: 32, offset: 15.5, stride: 16 });
    expect(layerGrids(320)[0]).toEqual({ cells: 20, offset: 15.5, stride: 16 });
    expect(layerGrids(320)[3]).toEqual({ cells: 3, offset: 63.5, stride: 128 });
    expect(layerGrids(512)[3]).toEqual({ cells: 4, offset: 127.5, stride: 128 });
  });

  it('keeps suppressing overlapping boxes and orders by score', () => {
    const boxes = Float32Array.from([0, 0, 1, 1, 0, 0, 0.9, 0.9, 0.5, 0.5, 0.6, 0.6]);
    expect(nms(boxes, Float32Array.from([0.7, 0.9, 0.8]), 10, 0.5, 0.5)).toEqual([1, 2]);
    expect(nms(boxes, Float32Array.from([0.7, 0.9, 0.4]), 10, 0.5, 0.5)).toEqual([1]);
  });
});

describe('SSD detector on the model package sample photo', () => {
  let api: FaceApi;
  beforeAll(async () => {
    api = await loadFaceApi();
  });

  it('runs on the WASM backend with SIMD, on one thread (the per-face CPU figures assume it)', () => {
    expect(api.tf.getBackend()).toBe('wasm');
    expect(api.tf.env().getBool('WASM_HAS_SIMD_SUPPORT')).toBe(true);
    expect(api.tf.backend().wasm._get_threads_count()).toBe(1);
  });

  it('reproduces the anchors stored with the weights at 512 px', () => {
    const stored = api.nets.ssdMobilenetv1.params.output_layer.extra_dim.arraySync()[0] as number[][];
    const made = makeAnchors(anchorSizes(stored), 512);
    expect(made.length).toBe(stored.length * 4);
    let worst = 0;
    stored.forEach((a, i) => a.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - made[i * 4 + j]!)))));
    expect(worst).toBeLessThan(1e-6);
  });

  it('finds the same three faces at 320 px as face-api at 512 px, in about the same boxes', async () => {
    const img = await decodeImage(new Uint8Array(fs.readFileSync(path.join(packageDir('@vladmandic/face-api'), 'demo/sample1.jpg'))));
    const tensor = api.tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
    try {
      const ref = await api.nets.ssdMobilenetv1.locateFaces(tensor, new api.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 20 }));
      const at512 = await detectSsd(api, tensor, { inputSize: 512, minScore: 0.5, maxResults: 20 });
      const at320 = await detectSsd(api, tensor, { inputSize: 320, minScore: 0.5, maxResults: 20 });
      expect(ref.length).toBe(3);
      expect(at512.length).toBe(3);
      expect(at320.length).toBe(3);
      const byX = (xs: Array<{ box: FaceBox }>): Array<{ box: FaceBox }> => [...xs].sort((a, b) => a.box.x - b.box.x);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const refBoxes = byX(ref.map((d: any) => ({ box: { x: d.box.x, y: d.box.y, w: d.box.width, h: d.box.height } })));
      byX(at512).forEach((d, i) => {
        expect(d.box.x).toBeCloseTo(refBoxes[i]!.box.x, 1);
        expect(d.box.w).toBeCloseTo(refBoxes[i]!.box.w, 1);
      });
      // At 320 px the boxes move by a small part of the face size, not more.
      byX(at320).forEach((d, i) => {
        const r = refBoxes[i]!.box;
        expect(Math.abs(d.box.x + d.box.w / 2 - (r.x + r.w / 2))).toBeLessThan(0.15 * r.w);
        expect(Math.abs(d.box.y + d.box.h / 2 - (r.y + r.h / 2))).toBeLessThan(0.15 * r.h);
        expect(d.box.w / r.w).toBeGreaterThan(0.8);
        expect(d.box.w / r.w).toBeLessThan(1.25);
      });
    } finally {
      tensor.dispose();
    }
  });
});
