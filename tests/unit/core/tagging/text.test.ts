import {
  contentHash,
  documentText,
  flattenFieldValue,
  limitText,
  stripMarkup,
} from '../../../../src/plugins/personalization/server/src/core/tagging';

describe('text preparation', () => {
  it('flattens Strapi blocks to plain text, one line per block, ignoring link URLs', () => {
    const blocks = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Title' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'See ' },
          {
            type: 'link',
            url: 'https://example.com/x',
            children: [{ type: 'text', text: 'the report' }],
          },
          { type: 'text', text: ' now.', bold: true },
        ],
      },
      {
        type: 'list',
        format: 'unordered',
        children: [
          { type: 'list-item', children: [{ type: 'text', text: 'one' }] },
          { type: 'list-item', children: [{ type: 'text', text: 'two' }] },
        ],
      },
    ];
    expect(flattenFieldValue(blocks)).toBe('Title\nSee the report now.\none\ntwo');
  });

  it.each([
    ['<p>Hello <b>Berlin</b> &amp; Paris</p>', 'Hello Berlin & Paris'],
    [
      '## Heading\n\n**bold** and [a link](http://x.y) ![img](a.png)',
      'Heading\n\nbold and a link img',
    ],
    ['<script>alert(1)</script>Text', 'Text'],
    ['- item one\n- item two', 'item one\nitem two'],
  ])('strips markup from %j', (input, expected) => {
    expect(stripMarkup(input)).toBe(expected);
  });

  it.each([[null], [undefined], [42], [{ a: 1 }]])('reads %j as no text', (value) => {
    expect(flattenFieldValue(value)).toBe('');
  });

  it('joins the configured fields in order and skips empty ones', () => {
    expect(
      documentText({ title: 'A', summary: '', body: 'B', other: 'C' }, ['title', 'summary', 'body'])
    ).toBe('A\n\nB');
  });

  it('cuts long text at a word boundary and says so', () => {
    const { text, truncated } = limitText('alpha beta gamma delta', 12);
    expect(truncated).toBe(true);
    expect(text).toBe('alpha beta');
    expect(limitText('alphabetagamma delta', 10).text).toBe('alphabetag');
    expect(limitText('short', 15)).toEqual({ text: 'short', truncated: false });
  });

  it('hashes text so equal text has equal hashes and different text does not', () => {
    expect(contentHash('a')).toBe(contentHash('a'));
    expect(contentHash('a')).not.toBe(contentHash('b'));
    expect(contentHash('a')).toMatch(/^[0-9a-f]{64}$/);
  });
});
