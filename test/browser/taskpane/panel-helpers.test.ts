import { expect } from 'chai';
import { summariseContactTypes } from '../../../src/taskpane/integrations/contact-types-summary';
import { readPanelView } from '../../../src/taskpane/shared/panel-view';
import { describeError } from '../../../src/taskpane/shared/describe-error';
import { HostRequestError } from '../../../src/sync/host/host-request-error';
import { ProxyError } from '../../../src/sync/connection/proxy-error';
import { CONTACT_TYPES } from './panel-test-kit';

describe('panel helpers', () => {
  it('summarises the chosen contact types like OfficeTools', () => {
    expect(summariseContactTypes([], CONTACT_TYPES)).to.equal('');
    expect(summariseContactTypes(['t3'], CONTACT_TYPES)).to.equal('Vendor');
    expect(summariseContactTypes(['t3', 't1'], CONTACT_TYPES)).to.equal('(Collection)');
    expect(summariseContactTypes(['gone', 't2'], CONTACT_TYPES)).to.equal('Prospect', 'types deleted in OfficeTools do not count');
  });

  it('reads the view from the URL, defaulting to integrations', () => {
    expect(readPanelView('?view=contactMatch')).to.equal('contactMatch');
    expect(readPanelView('?view=exportPayments&x=1')).to.equal('exportPayments');
    expect(readPanelView('')).to.equal('integrations');
    expect(readPanelView('?view=__proto__')).to.equal('integrations');
  });

  it('describes failures with what happened and what to do', () => {
    expect(describeError('Could not load', new HostRequestError('timeout', 'contactTypes.list', 'x'))).to.equal(
      'Could not load. OfficeTools did not answer in time. Check that OfficeTools is still open, then try again.',
    );
    expect(describeError('Could not save', new ProxyError('reconnect_required', 401, 'raw'))).to.contain('Click Connect to QuickBooks Online');
    expect(describeError('Could not save', new DOMException('quota', 'QuotaExceededError'))).to.contain('QuotaExceededError');
    expect(describeError('Oops', new Error('boom'))).to.equal('Oops. Something unexpected went wrong (boom). Reload the panel and try again.');
  });
});
