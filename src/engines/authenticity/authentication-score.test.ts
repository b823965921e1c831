import { describe, expect, it } from 'vitest';
import { combineScore } from './authentication-score.ts';
import type { CheckResult } from './authentication-types.ts';

const ok: CheckResult = { passed: true, performed: true };
const bad: CheckResult = { passed: false, performed: true, reason: 'x' };
const skipped: CheckResult = { passed: false, performed: false, reason: 'Not performed: x' };

describe('combineScore', () => {
  it('is 1 when every performed check passes, and a not-performed check changes nothing', () => {
    expect(combineScore({ data_visibility: ok, text_analysis: ok })).toBe(1);
    expect(combineScore({ data_visibility: ok, text_analysis: ok, security_feature_check: skipped })).toBe(1);
  });
  it('sinks below the default minscore 0.3 on one decisive failure, not on a soft one', () => {
    const seven = { data_visibility: ok, image_quality: ok, feature_referencing: ok, exif_check: ok, publicity_check: ok, text_analysis: ok, biometric_analysis: ok };
    expect(combineScore({ ...seven, publicity_check: bad })).toBeLessThan(0.3);
    expect(combineScore({ ...seven, text_analysis: bad })).toBeLessThan(0.3);
    expect(combineScore({ ...seven, image_quality: bad })).toBeGreaterThan(0.5);
    expect(combineScore({ ...seven, exif_check: bad })).toBeGreaterThan(0.3);
    // The API reference's failed example: Photoshop + public domain → about 0.1.
    expect(combineScore({ ...seven, exif_check: bad, publicity_check: bad })).toBeLessThanOrEqual(0.1);
  });
  it('is 0 when nothing could be performed', () => {
    expect(combineScore({ security_feature_check: skipped })).toBe(0);
  });
});
