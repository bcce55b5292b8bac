import { describe, expect, it } from 'vitest';
import { findLeaks } from './secretSweep';

describe('findLeaks (the integration suites rely on it to catch a leaked secret)', () => {
  it('reports each secret found in each text', () => {
    const produced = ['ok', 'Authorization: ACS3 Credential=LTAIkey', 'secret=s3cr3t LTAIkey'];
    expect(findLeaks(produced, ['LTAIkey', 's3cr3t', 'absent'])).toEqual([
      { secret: 'LTAIkey', text: 'Authorization: ACS3 Credential=LTAIkey' },
      { secret: 'LTAIkey', text: 'secret=s3cr3t LTAIkey' },
      { secret: 's3cr3t', text: 'secret=s3cr3t LTAIkey' },
    ]);
  });

  it('ignores empty secrets, which every text would contain', () => {
    expect(findLeaks(['anything'], ['', 'x'])).toEqual([]);
    expect(findLeaks(['anything'], new Set<string>())).toEqual([]);
  });
});
