import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  QboAuthError,
  QboBadResponseError,
  QboDuplicateNameError,
  QboFaultError,
  QboForbiddenError,
  QboNotFoundError,
  QboStaleObjectError,
  QboThrottledError,
  QboTransientError,
  QboValidationError,
  classifyFault,
} from '../../../src/sync/qbo/errors';
import { errorFromResponse, faultFromXml, parseFault } from '../../../src/sync/qbo/fault-parser';

describe('fault parsing', () => {
  it('reads the upper-case Fault shape with code, element and detail', () => {
    const body = JSON.stringify({
      Fault: {
        Error: [
          {
            Message: 'Stale Object Error',
            Detail: 'Stale Object Error : You and Jane were working on this at the same time.',
            code: '5010',
            element: '',
          },
        ],
        type: 'ValidationFault',
      },
      time: '2017-09-29T09:17:31.892-07:00',
    });
    const err = errorFromResponse({ status: 400, body, intuitTid: 'tid-1' });
    assert.ok(err instanceof QboStaleObjectError);
    assert.ok(err instanceof QboFaultError);
    assert.equal(err.kind, 'staleObject');
    assert.equal(err.code, '5010');
    assert.equal(err.status, 400);
    assert.equal(err.intuitTid, 'tid-1');
    assert.equal(err.faultType, 'ValidationFault');
    assert.match(err.detail, /working on this at the same time/);
    assert.match(err.message, /Read it again/);
    assert.match(err.message, /tid-1/);
  });

  it('keeps the offending element', () => {
    const body = JSON.stringify({
      Fault: {
        Error: [{ Message: 'Invalid Reference Id', Detail: 'Invalid Reference Id : Line.SalesItemLineDetail.ItemRef', code: '2500', element: 'Line.SalesItemLineDetail.ItemRef' }],
        type: 'ValidationFault',
      },
    });
    const err = errorFromResponse({ status: 400, body });
    assert.ok(err instanceof QboValidationError);
    assert.equal(err.element, 'Line.SalesItemLineDetail.ItemRef');
    assert.match(err.message, /field Line\.SalesItemLineDetail\.ItemRef/);
  });

  it('reads the gateway lower-case fault shape (401 token expired)', () => {
    const body = JSON.stringify({
      warnings: null,
      intuitObject: null,
      fault: {
        error: [
          {
            message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
            detail: 'Token expired: eyJ…',
            code: '3200',
            element: null,
          },
        ],
        type: 'AUTHENTICATION',
      },
      batchItemResponse: [],
      time: 1633520295688,
    });
    const err = errorFromResponse({ status: 401, body });
    assert.ok(err instanceof QboAuthError);
    assert.equal(err.code, '3200');
    assert.equal(err.element, undefined);
    assert.match(err.message, /Reconnect/);
  });

  it('reads the lower-case 403 shape as forbidden', () => {
    const body = JSON.stringify({
      fault: { error: [{ message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', detail: '', code: '3100' }], type: 'SERVICE' },
    });
    assert.ok(errorFromResponse({ status: 403, body }) instanceof QboForbiddenError);
  });

  it('reads an XML throttle fault and keeps Retry-After', () => {
    const body = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2024-01-01T10:00:00.000-08:00">
  <Fault type="SERVICE">
    <Error code="3001" element="">
      <Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>
      <Detail>The request limit was reached.  Try again later &amp; slow down</Detail>
    </Error>
  </Fault>
</IntuitResponse>`;
    const err = errorFromResponse({ status: 429, body, retryAfterMs: 5000 });
    assert.ok(err instanceof QboThrottledError);
    assert.equal(err.code, '3001');
    assert.equal(err.faultType, 'SERVICE');
    assert.equal(err.detail, 'The request limit was reached.  Try again later & slow down');
    assert.equal((err as QboThrottledError).retryAfterMs, 5000);
  });

  it('reads an XML authentication fault (code 100) even with HTTP 401', () => {
    const parsed = faultFromXml(
      '<IntuitResponse><Fault type="AuthenticationFault"><Error code="100"><Message>General Authentication Error</Message><Detail>AuthenticationErrorGeneral: SRV-110-Authentication Failure</Detail></Error></Fault></IntuitResponse>',
    );
    assert.deepEqual(parsed, {
      faultType: 'AuthenticationFault',
      errors: [{ code: '100', message: 'General Authentication Error', detail: 'AuthenticationErrorGeneral: SRV-110-Authentication Failure' }],
    });
  });

  it("reads the proxy's own error shape", () => {
    const err = errorFromResponse({
      status: 401,
      body: JSON.stringify({ error: 'reconnect_required', message: 'The QuickBooks connection has ended. Connect again.' }),
    });
    assert.ok(err instanceof QboAuthError);
    assert.equal(err.code, 'reconnect_required');
    assert.match(err.message, /Connect again/);
  });

  it('turns an HTML 502 page into a transient error coded by status', () => {
    const err = errorFromResponse({ status: 502, body: '<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>' });
    assert.ok(err instanceof QboTransientError);
    assert.equal(err.code, 'http_502');
    assert.match(err.detail, /502 Bad Gateway/);
  });

  it('classifies 6240, 610, 10000 and unknown 4xx', () => {
    assert.equal(classifyFault(400, '6240'), 'duplicateName');
    assert.equal(classifyFault(200, '6240'), 'duplicateName');
    assert.equal(classifyFault(400, '610'), 'notFound');
    assert.equal(classifyFault(500, '10000', 'SystemFault'), 'transient');
    assert.equal(classifyFault(200, '10000'), 'transient');
    assert.equal(classifyFault(400, '6000'), 'validation');
    assert.equal(classifyFault(400, '4000'), 'validation');
    assert.equal(classifyFault(302, 'http_302'), 'badResponse');
    const dup = errorFromResponse({
      status: 400,
      body: JSON.stringify({ Fault: { Error: [{ Message: 'Duplicate Name Exists Error', Detail: 'The name supplied already exists. : Another customer, vendor or employee is already using this name.', code: '6240' }], type: 'ValidationFault' } }),
    });
    assert.ok(dup instanceof QboDuplicateNameError);
    assert.match(dup.message, /Link to the existing record/);
    const nf = errorFromResponse({ status: 400, body: JSON.stringify({ Fault: { Error: [{ Message: 'Object Not Found', Detail: 'Another user has deleted this transaction.', code: '610' }] } }) });
    assert.ok(nf instanceof QboNotFoundError);
  });

  it('keeps every error of a multi-error fault', () => {
    const parsed = parseFault(
      JSON.stringify({ Fault: { Error: [{ Message: 'A', Detail: 'a', code: '2020' }, { Message: 'B', Detail: 'b', code: '2010', element: 'Foo' }] } }),
    );
    assert.equal(parsed?.errors.length, 2);
    assert.deepEqual(parsed?.errors[1], { code: '2010', message: 'B', detail: 'b', element: 'Foo' });
  });

  it('returns nothing for a success body and a bad-response error for garbage', () => {
    assert.equal(parseFault(JSON.stringify({ Customer: { Id: '1' } })), undefined);
    assert.equal(parseFault('not json'), undefined);
    const err = errorFromResponse({ status: 302, body: '' });
    assert.ok(err instanceof QboBadResponseError);
  });
});

describe('malformed answers from test/fixtures/bad-input', () => {
  const dir = path.resolve(import.meta.dirname, '../../fixtures/bad-input');
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

  it('an HTML error page: transient, named by its title, no markup in the message', () => {
    const err = errorFromResponse({ status: 502, body: read('html-error-page.html') });
    assert.ok(err instanceof QboTransientError);
    assert.equal(err.code, 'http_502');
    assert.match(err.message, /502 Bad Gateway/);
    assert.doesNotMatch(err.message, /<|nginx.*nginx|502 Bad Gateway 502/);
  });

  it('an XML fault: its code, type and decoded detail', () => {
    const err = errorFromResponse({ status: 500, body: read('xml-fault.xml') });
    assert.ok(err instanceof QboTransientError);
    assert.equal(err.code, '10000');
    assert.match(err.message, /Something went wrong & was logged/);
  });

  it('truncated JSON: an unreadable answer, never a validation fault, and no raw JSON in the message', () => {
    for (const status of [200, 400]) {
      const err = errorFromResponse({ status, body: read('truncated.json') });
      assert.ok(err instanceof QboBadResponseError, `status ${status}`);
      assert.doesNotMatch(err.message, /\{"|BatchItemResponse/);
      assert.match(err.message, /incomplete or unexpected JSON answer \(\d+ characters\)/);
    }
  });

  it('a 200 carrying a Fault is that fault', () => {
    const err = errorFromResponse({ status: 200, body: read('fault-in-200.json') });
    assert.ok(err instanceof QboValidationError);
    assert.equal(err.code, '6000');
    assert.match(err.message, /delivered with HTTP 200/);
  });

  it('an empty or plain-text 4xx is an unreadable answer with a short snippet', () => {
    assert.ok(errorFromResponse({ status: 400, body: '' }) instanceof QboBadResponseError);
    const long = errorFromResponse({ status: 404, body: 'x'.repeat(5000) });
    assert.ok(long.message.length < 400);
  });
});
