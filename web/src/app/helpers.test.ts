import { describe, expect, it } from 'vitest';
import { toNamePath } from './errors.ts';
import { describeUserAgent } from './format.ts';

describe('toNamePath', () => {
  it('maps server issue paths onto form field names', () => {
    expect(toNamePath('body.displayName')).toEqual(['displayName']);
    expect(toNamePath('body.personal.mobile')).toEqual(['personal', 'mobile']);
    expect(toNamePath('/memberIds/2')).toEqual(['memberIds', 2]);
  });
});

describe('describeUserAgent', () => {
  it('names the browser and the system', () => {
    const edge =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0';
    expect(describeUserAgent(edge)).toBe('Edge · Windows');
    expect(describeUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1')).toBe(
      'Safari · iOS',
    );
    expect(describeUserAgent('curl/8.0')).toBe('curl/8.0');
    expect(describeUserAgent(null)).toBeNull();
  });
});
