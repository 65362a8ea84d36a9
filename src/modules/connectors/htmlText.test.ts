import { describe, expect, it } from 'vitest';
import { htmlToText } from './htmlText.ts';

describe('htmlToText', () => {
  it('drops tags and scripts, decodes entities and collapses whitespace', () => {
    expect(
      htmlToText(
        '<p>Bitcoin &amp; Ether<br/>rally&#8230; <script>x()</script>\n <a href="#">&#x24;SOL</a> &nbsp;up</p>',
      ),
    ).toBe('Bitcoin & Ether rally… $SOL up');
  });
  it('leaves unknown entities alone', () => {
    expect(htmlToText('a &bogus; b')).toBe('a &bogus; b');
  });
});
