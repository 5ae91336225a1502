import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attr, parseXml, XmlReadError, xsiType } from '../../../scripts/manifest-validation/xml-tree';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

describe('the line-keeping XML reader', () => {
  it('keeps element and attribute lines, resolves namespaces and entities', () => {
    const root = parseXml(
      [
        '<?xml version="1.0"?>',
        '<!-- a comment\n spanning lines -->',
        '<r xmlns="urn:a" xmlns:b="urn:b" xmlns:xsi="' + XSI + '">',
        '  <b:x id="one"',
        '       label="Time &amp; Billing" xsi:type="b:Kind"/>',
        '  <y><![CDATA[<raw>]]> &lt;t&gt;</y>',
        '</r>',
      ].join('\n'),
    );
    assert.equal(root.ns, 'urn:a');
    assert.equal(root.line, 4);
    const [x, y] = root.children;
    assert.deepEqual([x.ns, x.local, x.line], ['urn:b', 'x', 5]);
    assert.equal(attr(x, 'label')?.value, 'Time & Billing');
    assert.equal(attr(x, 'label')?.line, 6);
    assert.deepEqual(xsiType(x, XSI), { ns: 'urn:b', local: 'Kind', line: 6 });
    assert.equal(y.text, '<raw> <t>');
  });

  it('throws with a line on what it does not accept', () => {
    assert.throws(() => parseXml('<a>\n<b>\n</a>'), (e: unknown) => e instanceof XmlReadError && e.line === 3);
    assert.throws(() => parseXml('<a>\n<p:b/></a>'), (e: unknown) => e instanceof XmlReadError && e.line === 2 && /prefix "p"/.test(e.message));
  });
});
