import { expect } from 'chai';
import type { Contact } from '../../../src/sync/host/protocol';
import {
  changedCustomerFields,
  contactCustomerMapping,
  contactToCustomer,
  customerToContact,
} from '../../../src/sync/mappings/contact-customer';
import type { ContactFields } from '../../../src/sync/mappings/contact-customer';
import { MappingError } from '../../../src/sync/mappings/mapping-types';
import type { QboCustomer } from '../../../src/sync/qbo/entities';

const business: ContactFields = {
  kind: 'business',
  companyName: 'Acme Tax & Audit LLC',
  firstName: 'Ann',
  lastName: 'Lee',
  email: 'ann@acme.example',
  phone: '(555) 010-2000',
  address: { line1: '1 Main St', line2: 'Suite 5', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
  active: true,
};

const person: ContactFields = {
  kind: 'individual',
  firstName: 'John',
  middleName: 'Q',
  lastName: "O'Neil",
  suffix: 'Jr.',
  email: 'john@example.com',
  active: false,
};

function stored(fields: object, id = '58'): QboCustomer {
  return { ...fields, Id: id, SyncToken: '0', domain: 'QBO', MetaData: { CreateTime: 'x' } } as QboCustomer;
}

describe('mapping: contact ⇄ Customer', () => {
  it('maps a business: CompanyName and DisplayName, contact person, email, phone, BillAddr', () => {
    const { payload, warnings } = contactToCustomer(business);
    expect(warnings).to.deep.equal([]);
    expect(payload).to.deep.equal({
      CompanyName: 'Acme Tax & Audit LLC',
      DisplayName: 'Acme Tax & Audit LLC',
      GivenName: 'Ann',
      FamilyName: 'Lee',
      PrimaryEmailAddr: { Address: 'ann@acme.example' },
      PrimaryPhone: { FreeFormNumber: '(555) 010-2000' },
      BillAddr: { Line1: '1 Main St', Line2: 'Suite 5', City: 'Springfield', CountrySubDivisionCode: 'IL', PostalCode: '62701', Country: 'US' },
      Active: true,
    });
    expect(payload).to.not.have.property('AcctNum');
  });

  it('maps an individual: name parts and DisplayName "First M. Last Suffix", no CompanyName', () => {
    const { payload } = contactToCustomer(person);
    expect(payload).to.deep.equal({
      GivenName: 'John',
      MiddleName: 'Q',
      FamilyName: "O'Neil",
      Suffix: 'Jr.',
      DisplayName: "John Q. O'Neil Jr.",
      PrimaryEmailAddr: { Address: 'john@example.com' },
      Active: false,
    });
  });

  it('keeps a middle initial or name in DisplayName, so namesakes do not collide in QBO', () => {
    const name = (c: ContactFields) => contactToCustomer(c).payload.DisplayName;
    expect(name({ kind: 'individual', firstName: 'Larry', middleName: 'D', lastName: 'Adams', active: true })).to.equal('Larry D. Adams');
    expect(name({ kind: 'individual', firstName: 'Larry', middleName: 'D.', lastName: 'Adams', active: true })).to.equal('Larry D. Adams');
    expect(name({ kind: 'individual', firstName: 'Larry', middleName: 'David', lastName: 'Adams', active: true })).to.equal('Larry David Adams');
    expect(name({ kind: 'individual', firstName: 'Larry', lastName: 'Adams', active: true })).to.equal('Larry Adams');
  });

  it('round-trips both kinds through QBO', () => {
    for (const c of [business, person, { kind: 'individual' as const, lastName: 'Solo', active: true }]) {
      const back = customerToContact(stored(contactToCustomer(c).payload));
      expect(back).to.deep.equal(c);
    }
  });

  it('round-trips a QBO customer through OfficeTools', () => {
    const q = stored({
      DisplayName: 'Globex',
      CompanyName: 'Globex',
      PrimaryPhone: { FreeFormNumber: '555-1234' },
      BillAddr: { Id: '9', Line1: '2 Elm', City: 'Shelbyville', PostalCode: '12345', Country: 'USA' },
      Active: true,
    });
    const draft = customerToContact(q);
    expect(draft).to.deep.equal({
      kind: 'business',
      companyName: 'Globex',
      phone: '555-1234',
      address: { line1: '2 Elm', city: 'Shelbyville', postalCode: '12345', country: 'US' },
      active: true,
    });
    const again = contactToCustomer(draft).payload;
    expect(again).to.deep.equal({
      CompanyName: 'Globex',
      DisplayName: 'Globex',
      PrimaryPhone: { FreeFormNumber: '555-1234' },
      BillAddr: { Line1: '2 Elm', City: 'Shelbyville', PostalCode: '12345', Country: 'US' },
      Active: true,
    });
  });

  it('reads a customer with only a DisplayName as a business of that name', () => {
    expect(customerToContact(stored({ DisplayName: 'Mystery Co' }))).to.deep.equal({ kind: 'business', companyName: 'Mystery Co', active: true });
    expect(customerToContact(stored({ DisplayName: 'Jane Roe', GivenName: 'Jane', FamilyName: 'Roe', Active: false })).kind).to.equal('individual');
  });

  it("replaces ':' and says so in the words the user sees", () => {
    const { payload, warnings } = contactToCustomer({ ...business, companyName: 'Smith: Holdings' });
    expect(payload.CompanyName).to.equal('Smith- Holdings');
    expect(payload.DisplayName).to.equal('Smith- Holdings');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include({ code: 'invalidCharacters', original: 'Smith: Holdings', changedTo: 'Smith- Holdings' });
    expect(warnings[0].message).to.equal(
      `Company name "Smith: Holdings" was changed to "Smith- Holdings" because QuickBooks Online does not allow ':' in names.`,
    );
  });

  it('removes tabs and line breaks from names and cuts names to their limits', () => {
    const long = 'B'.repeat(120);
    const { payload, warnings } = contactToCustomer({
      kind: 'individual',
      firstName: 'Mary\tAnn',
      lastName: `Smith\nJones`,
      suffix: 'The Third Of That Name',
      active: true,
    });
    expect(payload.GivenName).to.equal('Mary Ann');
    expect(payload.FamilyName).to.equal('Smith Jones');
    expect(payload.Suffix).to.equal('The Third Of Tha');
    expect(payload.DisplayName).to.equal('Mary Ann Smith Jones The Third Of Tha');
    expect(warnings.map((w) => w.field)).to.deep.equal(['GivenName', 'FamilyName', 'Suffix']);
    expect(warnings[2].message).to.match(/allows at most 16 characters in the suffix/);

    const biz = contactToCustomer({ kind: 'business', companyName: `${long}:x`, active: true });
    expect(biz.payload.DisplayName).to.equal(`${long}-x`);
    expect(biz.payload.CompanyName).to.equal('B'.repeat(100));
    expect(biz.warnings.map((w) => w.code)).to.deep.equal(['invalidCharacters', 'truncated']);
  });

  it('leaves out an email QBO would refuse, with a warning', () => {
    const { payload, warnings } = contactToCustomer({ ...person, email: 'john at example' });
    expect(payload).to.not.have.property('PrimaryEmailAddr');
    expect(warnings[0]).to.include({ code: 'dropped', field: 'PrimaryEmailAddr' });
    expect(warnings[0].message).to.match(/was left out/);
  });

  it('refuses a contact with no usable name', () => {
    expect(() => contactToCustomer({ kind: 'business', companyName: ' : ', active: true })).to.not.throw();
    expect(() => contactToCustomer({ kind: 'business', companyName: '  ', active: true })).to.throw(MappingError, /no company name/);
    expect(() => contactToCustomer({ kind: 'individual', firstName: '', active: true })).to.throw(MappingError, /no first or last name/);
  });

  it('falls back to the display name for a business without a company name', () => {
    const c: Contact = {
      id: 'c1',
      typeId: 't',
      kind: 'business',
      displayName: 'Display Only Inc',
      active: true,
      updatedAt: '2026-01-01T00:00:00Z',
    };
    expect(contactToCustomer(c).payload.CompanyName).to.equal('Display Only Inc');
  });

  it('gives only the changed fields for a sparse update, clearing removed ones', () => {
    expect(changedCustomerFields(business, business)).to.deep.equal({});
    expect(changedCustomerFields(business, { ...business, phone: '555-9999' })).to.deep.equal({ PrimaryPhone: { FreeFormNumber: '555-9999' } });
    expect(changedCustomerFields(business, { ...business, email: undefined })).to.deep.equal({ PrimaryEmailAddr: { Address: '' } });
    expect(changedCustomerFields(business, { ...business, address: { ...business.address, line2: undefined } })).to.deep.equal({
      BillAddr: { Line1: '1 Main St', Line2: '', City: 'Springfield', CountrySubDivisionCode: 'IL', PostalCode: '62701', Country: 'US' },
    });
    expect(changedCustomerFields(business, { ...business, companyName: 'Acme 2' })).to.deep.equal({ CompanyName: 'Acme 2', DisplayName: 'Acme 2' });
    expect(contactCustomerMapping.changedFields(person, { ...person, active: true }, undefined)).to.deep.equal({ Active: true });
  });
});
