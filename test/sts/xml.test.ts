import assert from 'node:assert/strict';
import { create } from 'xmlbuilder2';
import { AppError } from '../../src/errors.js';
import { awsTimestamp, escapeXml, renderError, renderResult, STS_NAMESPACE } from '../../src/sts/xml.js';

/** Parses with a real XML parser, so a broken escape fails here. */
/** The DOM types xmlbuilder2 returns, as far as these tests read them. */
interface XmlNode {
  readonly nodeName: string;
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<XmlNode>;
  getElementsByTagName(name: string): ArrayLike<XmlNode>;
}

function parse(xml: string): XmlNode {
  return create(xml).root().node as unknown as XmlNode;
}

function text(root: XmlNode, name: string): string | null {
  return root.getElementsByTagName(name)[0]?.textContent ?? null;
}

describe('STS XML', () => {
  const nasty: Array<[string, string, string]> = [
    ['markup', '<a href="x">&amp;</a>', '<a href="x">&amp;</a>'],
    ['quotes', `it's "quoted"`, `it's "quoted"`],
    ['a CDATA end', ']]>', ']]>'],
    ['control characters', 'a\u0000b\u0007c\u001b', 'a\uFFFDb\uFFFDc\uFFFD'],
    ['a lone surrogate', 'x\uD800y', 'x\uFFFDy'],
    ['non-characters', '\uFFFE\uFFFF', '\uFFFD\uFFFD'],
    ['unicode', 'été 🪣 日本', 'été 🪣 日本'],
    ['line breaks and tabs', 'a\r\n\tb', 'a\r\n\tb'],
  ];
  for (const [name, input, want] of nasty) {
    it(`keeps an error message with ${name} well-formed`, () => {
      const root = parse(renderError(new AppError('ValidationError', input), 'req-1'));
      assert.equal(text(root, 'Message'), want);
    });
  }

  it('renders the AWS result shape in the STS namespace', () => {
    const xml = renderResult('GetCallerIdentity', { Arn: 'arn:aws:iam::000000000000:user/a&b', UserId: 'AIDA', Account: '000000000000', Skipped: undefined }, 'req-2');
    const root = parse(xml);
    assert.equal(root.localName, 'GetCallerIdentityResponse');
    assert.equal(root.namespaceURI, STS_NAMESPACE);
    const result = root.getElementsByTagName('GetCallerIdentityResult')[0];
    assert.deepEqual(
      Array.from(result?.childNodes ?? []).map((node) => [node.nodeName, node.textContent]),
      [['Arn', 'arn:aws:iam::000000000000:user/a&b'], ['UserId', 'AIDA'], ['Account', '000000000000']],
    );
    assert.equal(text(root, 'RequestId'), 'req-2');
  });

  it('renders the ErrorResponse with Type, Code, Message and RequestId', () => {
    const root = parse(renderError(new AppError('ServiceUnavailable', 'down'), 'req-3'));
    assert.equal(root.localName, 'ErrorResponse');
    assert.deepEqual(['Type', 'Code', 'Message', 'RequestId'].map((name) => text(root, name)), ['Receiver', 'ServiceUnavailable', 'down', 'req-3']);
  });

  it('refuses an element name that is not plain', () => {
    assert.throws(() => renderResult('X', { 'a b': '1' }, 'r'));
  });

  it('escapes every markup character', () => {
    assert.equal(escapeXml(`<>&"'`), '&lt;&gt;&amp;&quot;&apos;');
  });

  it('writes timestamps without milliseconds', () => {
    assert.equal(awsTimestamp(Date.UTC(2019, 10, 9, 13, 34, 41, 999)), '2019-11-09T13:34:41Z');
  });
});
