import { expect } from 'chai';
import { changedEmployeeFields, employeeFromQbo, employeeToQbo } from '../../../src/sync/mappings/employee';
import type { EmployeeFields } from '../../../src/sync/mappings/employee';
import { MappingError } from '../../../src/sync/mappings/mapping-types';
import type { QboEmployee } from '../../../src/sync/qbo/entities';

const emp: EmployeeFields = {
  firstName: 'Dana',
  middleName: 'K',
  lastName: 'Scully',
  email: 'dana@firm.example',
  phone: '555-0100',
  hiredDate: '2019-03-01',
  active: true,
};

const stored = (f: object): QboEmployee => ({ ...f, Id: '12', SyncToken: '1' }) as QboEmployee;

describe('mapping: employee ⇄ Employee', () => {
  it('maps names, DisplayName, contact details and the hired date', () => {
    const { payload, warnings } = employeeToQbo(emp);
    expect(warnings).to.deep.equal([]);
    expect(payload).to.deep.equal({
      GivenName: 'Dana',
      MiddleName: 'K',
      FamilyName: 'Scully',
      DisplayName: 'Dana Scully',
      PrimaryEmailAddr: { Address: 'dana@firm.example' },
      PrimaryPhone: { FreeFormNumber: '555-0100' },
      HiredDate: '2019-03-01',
      Active: true,
    });
  });

  it('round-trips both ways', () => {
    expect(employeeFromQbo(stored(employeeToQbo(emp).payload))).to.deep.equal(emp);
    const q = stored({ GivenName: 'Fox', FamilyName: 'Mulder', Suffix: 'Sr.', DisplayName: 'Fox Mulder Sr.', Active: false, HiredDate: '2020-01-02' });
    const input = employeeFromQbo(q);
    expect(input).to.deep.equal({ firstName: 'Fox', lastName: 'Mulder', suffix: 'Sr.', hiredDate: '2020-01-02', active: false });
    expect(employeeToQbo(input).payload).to.deep.equal({
      GivenName: 'Fox',
      FamilyName: 'Mulder',
      Suffix: 'Sr.',
      DisplayName: 'Fox Mulder Sr.',
      HiredDate: '2020-01-02',
      Active: false,
    });
  });

  it('splits a DisplayName when QBO has no name parts, and trims date-times', () => {
    expect(employeeFromQbo(stored({ DisplayName: 'Walter Skinner', HiredDate: '2001-05-06T00:00:00-07:00' }))).to.deep.equal({
      firstName: 'Walter',
      lastName: 'Skinner',
      hiredDate: '2001-05-06',
      active: true,
    });
  });

  it("cleans ':' from names with a warning, refuses no name and bad dates", () => {
    const { payload, warnings } = employeeToQbo({ ...emp, lastName: 'Scully:MD' });
    expect(payload.FamilyName).to.equal('Scully-MD');
    expect(warnings[0].message).to.equal(`Last name "Scully:MD" was changed to "Scully-MD" because QuickBooks Online does not allow ':' in names.`);
    expect(() => employeeToQbo({ ...emp, firstName: ' ', lastName: '' })).to.throw(MappingError);
    expect(() => employeeToQbo({ ...emp, hiredDate: '03/01/2019' })).to.throw(MappingError, /YYYY-MM-DD/);
  });

  it('gives only changed fields for a sparse update', () => {
    expect(changedEmployeeFields(emp, { ...emp, phone: '555-0199' })).to.deep.equal({ PrimaryPhone: { FreeFormNumber: '555-0199' } });
    expect(changedEmployeeFields(emp, { ...emp, lastName: 'Mulder' })).to.deep.equal({ FamilyName: 'Mulder', DisplayName: 'Dana Mulder' });
    expect(changedEmployeeFields(emp, { ...emp, middleName: undefined })).to.deep.equal({ MiddleName: '' });
  });
});
