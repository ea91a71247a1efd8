import { describe, expect, it } from 'vitest';
import { externalLinkTarget } from '../../src/main/external-link.ts';

describe('links opened in the system browser', () => {
  it('are web links only', () => {
    expect(externalLinkTarget('https://www.england.nhs.uk/personalisedcare/social-prescribing/')).toBe(
      'https://www.england.nhs.uk/personalisedcare/social-prescribing/',
    );
    expect(externalLinkTarget('http://example.org')).toBe('http://example.org/');
  });

  it('never a file, a script, a custom scheme or a link with credentials', () => {
    for (const url of [
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-settings:privacy',
      'app://sprig/index.html',
      'https://user:secret@example.org/',
      'not a url',
    ]) {
      expect(externalLinkTarget(url), url).toBeUndefined();
    }
  });
});
