/**
 * The demo companies and the demo sign-in user. The US company feels like Intuit's sample
 * company (customers, items, accounts, payment methods, some invoices and payments); the
 * Canadian one exists so the product can show it refuses Canadian QuickBooks.
 */
import type { JsonObject } from './http-io';
import { pacificDate } from './pacific-time';
import { CompanyBuilder } from './store/company-builder';
import type { CompanyState } from './store/company-state';

export const DEMO_REALMS = { us: '9341450000000001', ca: '9341450000000002' } as const;

/** Sandbox-only credentials, shown as a hint on the sign-in page. */
export const DEMO_USER = { email: 'demo@officetools.test', password: 'sandbox' } as const;

export const DEMO_USER_PROFILE = { sub: '7f4d1c52-0b6e-4f57-9d0b-5a1e2c3b4d01', givenName: 'Dana', familyName: 'Demo', phoneNumber: '+1 (650) 555-0100' } as const;

const DAY = 86400000;

function companyInfo(b: CompanyBuilder, info: { name: string; legal: string; country: 'US' | 'CA'; addr: JsonObject; email: string; web: string }): void {
  b.raw('CompanyInfo', {
    Id: '1',
    CompanyName: info.name,
    LegalName: info.legal,
    CompanyAddr: { Id: '1', ...info.addr },
    LegalAddr: { Id: '1', ...info.addr },
    CustomerCommunicationAddr: { Id: '1', ...info.addr },
    Country: info.country,
    Email: { Address: info.email },
    WebAddr: { URI: info.web },
    PrimaryPhone: { FreeFormNumber: info.country === 'US' ? '(650) 555-0142' : '(416) 555-0175' },
    FiscalYearStartMonth: 'January',
    CompanyStartDate: '2019-01-01',
    SupportedLanguages: 'en',
    NameValue: [
      { Name: 'NeoEnabled', Value: 'true' },
      { Name: 'IndustryType', Value: 'Accounting and Bookkeeping Services' },
      { Name: 'CompanyType', Value: 'LLC' },
      { Name: 'SubscriptionStatus', Value: 'SUBSCRIBED' },
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      { Name: 'PayrollFeature', Value: 'false' },
      { Name: 'AccountantFeature', Value: 'false' },
      { Name: 'IsQbdtMigrated', Value: 'false' },
    ],
  });
}

function preferences(b: CompanyBuilder, currency: 'USD' | 'CAD', salesTax: boolean): void {
  b.raw('Preferences', {
    Id: '1',
    AccountingInfoPrefs: { TrackDepartments: false, ClassTrackingPerTxn: false, ClassTrackingPerTxnLine: false, CustomerTerminology: 'Customers' },
    ProductAndServicesPrefs: { ForSales: true, ForPurchase: true, QuantityWithPriceAndRate: true, QuantityOnHand: false },
    SalesFormsPrefs: {
      CustomTxnNumbers: true,
      AllowDeposit: false,
      AllowDiscount: true,
      AllowEstimates: true,
      AllowShipping: false,
      AutoApplyCredit: true,
      IPNSupportEnabled: false,
      ETransactionEnabledStatus: 'NotApplicable',
      UsingPriceLevels: false,
    },
    EmailMessagesPrefs: { InvoiceMessage: { Subject: 'Invoice from [Company Name]', Message: 'Please find your invoice attached.' } },
    VendorAndPurchasesPrefs: { TrackingByCustomer: true, BillableExpenseTracking: true },
    TimeTrackingPrefs: { UseServices: true, BillCustomers: true, ShowBillRateToAll: false, WorkWeekStartDate: 'Monday', MarkTimeEntriesBillable: true },
    TaxPrefs: { UsingSalesTax: salesTax, PartnerTaxEnabled: true },
    CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: currency } },
    ReportPrefs: { ReportBasis: 'Accrual', CalcAgingReportFromTxnDate: false },
    OtherPrefs: { NameValue: [{ Name: 'SalesFormsPrefs.DefaultCustomerMessage', Value: 'Thank you for your business.' }, { Name: 'DTXCopyMemo', Value: 'false' }] },
  });
}

function accounts(b: CompanyBuilder, country: 'US' | 'CA'): Record<string, JsonObject> {
  const a = (Name: string, AccountSubType: string, AcctNum?: string) => b.create('Account', { Name, AccountSubType, ...(AcctNum ? { AcctNum } : {}) });
  return {
    checking: a('Checking', 'Checking', '1000'),
    savings: a('Savings', 'Savings', '1010'),
    ar: a('Accounts Receivable (A/R)', 'AccountsReceivable', '1200'),
    undeposited: a('Undeposited Funds', 'UndepositedFunds', '1300'),
    prepaid: a('Prepaid Expenses', 'PrepaidExpenses', '1400'),
    equipment: a('Office Equipment', 'MachineryAndEquipment', '1500'),
    ap: a('Accounts Payable (A/P)', 'AccountsPayable', '2000'),
    card: a('Business Credit Card', 'CreditCard', '2100'),
    salesTax: a(country === 'US' ? 'Sales Tax Payable' : 'GST/HST Payable', country === 'US' ? 'SalesTaxPayable' : 'GlobalTaxPayable', '2200'),
    retainers: a('Client Retainers', 'OtherCurrentLiabilities', '2300'),
    openingEquity: a('Opening Balance Equity', 'OpeningBalanceEquity', '3000'),
    retained: a('Retained Earnings', 'RetainedEarnings', '3100'),
    services: a('Professional Services Income', 'ServiceFeeIncome', '4000'),
    reimbursed: a('Reimbursed Expense Income', 'OtherPrimaryIncome', '4100'),
    discounts: a('Discounts Given', 'DiscountsRefundsGiven', '4200'),
    financeCharges: a('Finance Charge Income', 'OtherMiscellaneousIncome', '4300'),
    lateFees: a('Late Fee Income', 'OtherMiscellaneousIncome', '4310'),
    productSales: a('Sales of Product Income', 'SalesOfProductIncome', '4400'),
    cogs: a('Cost of Services', 'CostOfLaborCos', '5000'),
    advertising: a('Advertising & Marketing', 'AdvertisingPromotional', '6000'),
    office: a('Office Supplies & Software', 'OfficeGeneralAdministrativeExpenses', '6100'),
    travel: a('Travel', 'Travel', '6200'),
    bankCharges: a('Bank Charges & Fees', 'BankCharges', '6300'),
    interest: a('Interest Earned', 'InterestEarned', '7000'),
  };
}

function paymentMethods(b: CompanyBuilder): Record<string, JsonObject> {
  const m = (Name: string, Type: string) => b.create('PaymentMethod', { Name, Type });
  return {
    cash: m('Cash', 'NON_CREDIT_CARD'),
    check: m('Check', 'NON_CREDIT_CARD'),
    ach: m('ACH / Bank Transfer', 'NON_CREDIT_CARD'),
    visa: m('Visa', 'CREDIT_CARD'),
    mastercard: m('MasterCard', 'CREDIT_CARD'),
    amex: m('American Express', 'CREDIT_CARD'),
    discover: m('Discover', 'CREDIT_CARD'),
  };
}

function usCompany(now: number): CompanyState {
  const b = new CompanyBuilder(DEMO_REALMS.us, now - 400 * DAY);
  companyInfo(b, {
    name: 'OfficeTools Workspace',
    legal: 'OfficeTools Workspace LLC',
    country: 'US',
    addr: { Line1: '2500 Garcia Ave', City: 'Mountain View', CountrySubDivisionCode: 'CA', PostalCode: '94043', Country: 'USA' },
    email: 'books@officetools-workspace.example',
    web: 'https://officetools-workspace.example',
  });
  preferences(b, 'USD', true);
  b.raw('TaxCode', { Id: 'TAX', Name: 'TAX', Description: 'Taxable', Active: true, Taxable: true, TaxGroup: false });
  b.raw('TaxCode', { Id: 'NON', Name: 'NON', Description: 'Non-taxable', Active: true, Taxable: false, TaxGroup: false });
  const acct = accounts(b, 'US');
  const pm = paymentMethods(b);
  const item = (Name: string, Type: 'Service' | 'NonInventory', UnitPrice: number, income: JsonObject, Description: string) =>
    b.create('Item', { Name, Type, UnitPrice, IncomeAccountRef: b.ref(income), Description, Taxable: false });
  const items = {
    hours: item('Hours', 'Service', 150, acct.services, 'Professional time, billed hourly'),
    bookkeeping: item('Bookkeeping', 'Service', 95, acct.services, 'Monthly bookkeeping and reconciliation'),
    taxPrep: item('Tax Preparation', 'Service', 175, acct.services, 'Individual and business tax return preparation'),
    payroll: item('Payroll Services', 'Service', 85, acct.services, 'Payroll processing and filings'),
    advisory: item('Advisory', 'Service', 225, acct.services, 'Business advisory and planning'),
    audit: item('Audit & Assurance', 'Service', 250, acct.services, 'Reviews, compilations and audits'),
    expenses: item('Reimbursable Expenses', 'NonInventory', 0, acct.reimbursed, 'Out-of-pocket costs billed to the client'),
    filing: item('Filing Fees', 'NonInventory', 0, acct.reimbursed, 'Government filing fees'),
    postage: item('Postage & Courier', 'NonInventory', 0, acct.reimbursed, 'Postage and courier charges'),
    finance: item('Finance Charge', 'Service', 0, acct.financeCharges, 'Finance charge on overdue balance'),
    late: item('Late Fee', 'Service', 25, acct.lateFees, 'Late payment fee'),
    // Look-alikes of the shell demo firm's work and expense codes (dev/shell/demo-firm.ts), spelled
    // the way a QBO file drifts from the firm's code list, so Automatch has work on both code tabs.
    bankRecon: item('Bank Recon', 'Service', 75, acct.services, 'Monthly bank reconciliation'),
    salesTax: item('Sales Tax Return', 'Service', 110, acct.services, 'Sales and use tax return'),
    taxPrepIndividual: item('Tax Prep - Individual', 'Service', 175, acct.services, 'Form 1040 preparation'),
    compilation: item('Compilation - Financial Statements', 'Service', 195, acct.services, 'Compiled financial statements'),
    taxPlanning: item('Tax Planning', 'Service', 200, acct.services, 'Year-round tax planning'),
    mileage: item('Mileage', 'NonInventory', 0.7, acct.reimbursed, 'Mileage at the IRS rate'),
    copies: item('Copies', 'NonInventory', 0.15, acct.reimbursed, 'Photocopies per page'),
  };
  b.create('Item', { Name: 'Services', Type: 'Service', IncomeAccountRef: b.ref(acct.services) });

  b.at(now - 200 * DAY);
  const c = (DisplayName: string, extra: JsonObject) => b.create('Customer', { DisplayName, PrintOnCheckName: DisplayName, ...extra });
  const addr = (Line1: string, City: string, CountrySubDivisionCode: string, PostalCode: string) => ({ Line1, City, CountrySubDivisionCode, PostalCode, Country: 'USA' });
  const customers = [
    c('Alder Creek Veterinary', { CompanyName: 'Alder Creek Veterinary Clinic', PrimaryEmailAddr: { Address: 'office@aldercreekvet.example' }, PrimaryPhone: { FreeFormNumber: '(408) 555-0134' }, BillAddr: addr('118 Alder Creek Rd', 'Los Gatos', 'CA', '95030') }),
    c('Bayview Bistro', { CompanyName: 'Bayview Bistro LLC', PrimaryEmailAddr: { Address: 'owner@bayviewbistro.example' }, PrimaryPhone: { FreeFormNumber: '(415) 555-0190' }, BillAddr: addr('44 Embarcadero', 'San Francisco', 'CA', '94111') }),
    c('Carla Mendes', { GivenName: 'Carla', FamilyName: 'Mendes', PrimaryEmailAddr: { Address: 'carla.mendes@example.com' }, Mobile: { FreeFormNumber: '(650) 555-0117' }, BillAddr: addr('72 Laurel St', 'San Carlos', 'CA', '94070') }),
    c('Dunmore Family Farms', { CompanyName: 'Dunmore Family Farms Inc.', PrimaryEmailAddr: { Address: 'accounts@dunmorefarms.example' }, BillAddr: addr('9800 County Rd 12', 'Gilroy', 'CA', '95020') }),
    c('Elm Street Dental', { CompanyName: 'Elm Street Dental Group', PrimaryEmailAddr: { Address: 'billing@elmstreetdental.example' }, PrimaryPhone: { FreeFormNumber: '(408) 555-0166' }, BillAddr: addr('310 Elm St', 'San Jose', 'CA', '95112') }),
    c('Farah Qureshi', { GivenName: 'Farah', FamilyName: 'Qureshi', PrimaryEmailAddr: { Address: 'farah.q@example.com' }, BillAddr: addr('15 Sunset Ct', 'Cupertino', 'CA', '95014') }),
    c('Granite Peak Builders', { CompanyName: 'Granite Peak Builders Co.', PrimaryEmailAddr: { Address: 'ap@granitepeak.example' }, PrimaryPhone: { FreeFormNumber: '(831) 555-0102' }, BillAddr: addr('2 Quarry Way', 'Santa Cruz', 'CA', '95060') }),
    c('Harbor Light Yoga', { CompanyName: 'Harbor Light Yoga Studio', PrimaryEmailAddr: { Address: 'hello@harborlightyoga.example' }, BillAddr: addr('501 Harbor Blvd', 'Half Moon Bay', 'CA', '94019') }),
    c('Ian & Ruth Whitaker', { GivenName: 'Ian', FamilyName: 'Whitaker', PrimaryEmailAddr: { Address: 'whitakers@example.com' }, BillAddr: addr('88 Orchard Ln', 'Saratoga', 'CA', '95070') }),
    c('Juniper Design Studio', { CompanyName: 'Juniper Design Studio', PrimaryEmailAddr: { Address: 'studio@juniperdesign.example' }, BillAddr: addr('1200 Park Ave', 'Emeryville', 'CA', '94608') }),
    c('Kettle & Crumb Bakery', { CompanyName: 'Kettle & Crumb Bakery', PrimaryEmailAddr: { Address: 'orders@kettlecrumb.example' }, BillAddr: addr('36 Main St', 'Los Altos', 'CA', '94022') }),
    c('Lopez Landscaping', { CompanyName: 'Lopez Landscaping', GivenName: 'Marco', FamilyName: 'Lopez', PrimaryEmailAddr: { Address: 'marco@lopezlandscaping.example' }, BillAddr: addr('745 Meadow Dr', 'Morgan Hill', 'CA', '95037') }),
    c('Nakamura Architecture', { CompanyName: 'Nakamura Architecture PC', PrimaryEmailAddr: { Address: 'admin@nakamura-arch.example' }, BillAddr: addr('400 University Ave', 'Palo Alto', 'CA', '94301') }),
    c('Pinecrest Pharmacy', { CompanyName: 'Pinecrest Pharmacy', PrimaryEmailAddr: { Address: 'finance@pinecrestrx.example' }, BillAddr: addr('19 Pinecrest Plaza', 'Sunnyvale', 'CA', '94086') }),
    c('Riverbend Auto Repair', { CompanyName: 'Riverbend Auto Repair', PrimaryEmailAddr: { Address: 'shop@riverbendauto.example' }, BillAddr: addr('2210 River Rd', 'Fremont', 'CA', '94536') }),
    c('Sofia Marchetti', { GivenName: 'Sofia', FamilyName: 'Marchetti', PrimaryEmailAddr: { Address: 'sofia.marchetti@example.com' }, BillAddr: addr('5 Vista Ct', 'Menlo Park', 'CA', '94025') }),
    c('Tidewater Logistics', { CompanyName: 'Tidewater Logistics Inc.', PrimaryEmailAddr: { Address: 'ap@tidewaterlogistics.example' }, BillAddr: addr('800 Port Way', 'Oakland', 'CA', '94607') }),
    c('Willow & Finch Interiors', { CompanyName: 'Willow & Finch Interiors', PrimaryEmailAddr: { Address: 'studio@willowfinch.example' }, BillAddr: addr('61 Willow Rd', 'Burlingame', 'CA', '94010') }),
  ];
  b.create('Customer', { DisplayName: 'Quarry Project', ParentRef: b.ref(customers[6]), BillWithParent: true, CompanyName: 'Granite Peak Builders Co.' });
  const inactive = c('Old Mill Hardware', { CompanyName: 'Old Mill Hardware', Active: true });
  b.raw('Customer', { ...inactive, Active: false, SyncToken: '1' });

  const person = (GivenName: string, FamilyName: string, extra: JsonObject) => b.create('Employee', { GivenName, FamilyName, ...extra });
  person('Morgan', 'Ellis', { PrimaryEmailAddr: { Address: 'morgan.ellis@officetools-workspace.example' }, HiredDate: '2019-03-01', BillableTime: true, BillRate: 175, EmployeeNumber: 'E-100' });
  person('Priya', 'Raman', { PrimaryEmailAddr: { Address: 'priya.raman@officetools-workspace.example' }, HiredDate: '2020-07-15', BillableTime: true, BillRate: 150, EmployeeNumber: 'E-101' });
  person('Jordan', 'Blake', { PrimaryEmailAddr: { Address: 'jordan.blake@officetools-workspace.example' }, HiredDate: '2022-01-10', BillableTime: true, BillRate: 95, EmployeeNumber: 'E-102' });
  person('Alex', 'Kim', { PrimaryEmailAddr: { Address: 'alex.kim@officetools-workspace.example' }, HiredDate: '2023-09-05', BillableTime: false, EmployeeNumber: 'E-103' });
  // The shell demo firm's staff as this file spells them: a middle initial, an accent, a middle
  // name, and a "Jr." that Automatch leaves to a person to decide.
  person('Marcus', 'Bell', { MiddleName: 'J.', PrimaryEmailAddr: { Address: 'marcus.bell@officetools-workspace.example' }, HiredDate: '2018-06-18', BillableTime: true, BillRate: 140, EmployeeNumber: 'E-104' });
  person('Elena', 'Vásquez', { PrimaryEmailAddr: { Address: 'elena.vasquez@officetools-workspace.example' }, HiredDate: '2016-10-03', BillableTime: true, BillRate: 160, EmployeeNumber: 'E-105' });
  person('Luis', 'Herrera', { MiddleName: 'Antonio', PrimaryEmailAddr: { Address: 'luis.herrera@officetools-workspace.example' }, HiredDate: '2017-04-10', BillableTime: true, BillRate: 150, EmployeeNumber: 'E-106' });
  person('Ken', 'Yamada', { Suffix: 'Jr.', PrimaryEmailAddr: { Address: 'ken.yamada@officetools-workspace.example' }, HiredDate: '2014-11-17', BillableTime: true, BillRate: 165, EmployeeNumber: 'E-107' });

  b.create('Vendor', { DisplayName: 'Pacific Gas & Electric', CompanyName: 'Pacific Gas & Electric' });
  b.create('Vendor', { DisplayName: 'Ledgerline Software', CompanyName: 'Ledgerline Software Inc.', PrimaryEmailAddr: { Address: 'billing@ledgerline.example' } });
  b.create('Vendor', { DisplayName: 'Staples Business', CompanyName: 'Staples Business Advantage' });

  const line = (it: JsonObject, qty: number, price: number, description: string) => ({
    Amount: Math.round(qty * price * 100) / 100,
    Description: description,
    DetailType: 'SalesItemLineDetail',
    SalesItemLineDetail: { ItemRef: b.ref(it), Qty: qty, UnitPrice: price, TaxCodeRef: { value: 'NON' } },
  });
  const invoice = (daysAgo: number, doc: string, customer: JsonObject, lines: JsonObject[]) => {
    b.at(now - daysAgo * DAY);
    const txnDate = pacificDate(now - daysAgo * DAY);
    const due = pacificDate(now - (daysAgo - 30) * DAY);
    return b.create('Invoice', { CustomerRef: b.ref(customer), DocNumber: doc, TxnDate: txnDate, DueDate: due, Line: lines, BillEmail: customer.PrimaryEmailAddr ?? null });
  };
  const inv1 = invoice(75, '1001', customers[0], [line(items.bookkeeping, 6, 95, 'Monthly bookkeeping, 6 hours'), line(items.filing, 1, 45, 'State filing fee')]);
  const inv2 = invoice(60, '1002', customers[1], [line(items.taxPrep, 4, 175, 'Business return preparation')]);
  const inv3 = invoice(45, '1003', customers[4], [line(items.payroll, 3, 85, 'Payroll runs'), line(items.hours, 2.5, 150, 'Payroll tax notice response')]);
  invoice(30, '1004', customers[6], [line(items.advisory, 5, 225, 'Cash-flow planning'), line(items.expenses, 1, 62.4, 'Mileage and parking')]);
  invoice(20, '1005', customers[2], [line(items.taxPrep, 2, 175, 'Individual return, Form 1040')]);
  invoice(12, '1006', customers[12], [line(items.audit, 8, 250, 'Year-end review engagement'), line(items.postage, 1, 18.75, 'Courier')]);
  invoice(5, '1007', customers[9], [line(items.bookkeeping, 10, 95, 'Catch-up bookkeeping')]);

  const pay = (daysAgo: number, customer: JsonObject, inv: JsonObject, amount: number, method: JsonObject, ref: string, deposit?: JsonObject) => {
    b.at(now - daysAgo * DAY);
    const latest = b.state.tables.Invoice.get(String(inv.Id)) as JsonObject;
    return b.create('Payment', {
      CustomerRef: b.ref(customer),
      TotalAmt: amount,
      TxnDate: pacificDate(now - daysAgo * DAY),
      PaymentMethodRef: b.ref(method),
      PaymentRefNum: ref,
      ...(deposit ? { DepositToAccountRef: b.ref(deposit) } : {}),
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: String(latest.Id), TxnType: 'Invoice' }] }],
    });
  };
  pay(50, customers[0], inv1, 615, pm.check, '4471');
  pay(40, customers[1], inv2, 400, pm.visa, 'VISA-0932', acct.checking);
  pay(25, customers[4], inv3, 630, pm.ach, 'ACH-20417');
  b.at(now - 3 * DAY);
  b.create('Payment', { CustomerRef: b.ref(customers[15]), TotalAmt: 250, PaymentMethodRef: b.ref(pm.cash), TxnDate: pacificDate(now - 3 * DAY), PrivateNote: 'Retainer received' });
  return b.state;
}

function caCompany(now: number): CompanyState {
  const b = new CompanyBuilder(DEMO_REALMS.ca, now - 300 * DAY);
  companyInfo(b, {
    name: 'Maple Leaf Bookkeeping Ltd.',
    legal: 'Maple Leaf Bookkeeping Ltd.',
    country: 'CA',
    addr: { Line1: '150 King St W', City: 'Toronto', CountrySubDivisionCode: 'ON', PostalCode: 'M5H 1J9', Country: 'CAN' },
    email: 'office@mapleleafbooks.example',
    web: 'https://mapleleafbooks.example',
  });
  preferences(b, 'CAD', false);
  b.raw('TaxCode', { Id: '2', Name: 'Exempt', Description: 'Exempt', Active: true, Taxable: false, TaxGroup: true });
  b.raw('TaxCode', { Id: '3', Name: 'Zero-rated', Description: 'Zero-rated', Active: true, Taxable: true, TaxGroup: true });
  b.raw('TaxCode', { Id: '4', Name: 'GST', Description: 'GST 5%', Active: true, Taxable: true, TaxGroup: true });
  b.raw('TaxCode', { Id: '5', Name: 'HST ON', Description: 'HST Ontario 13%', Active: true, Taxable: true, TaxGroup: true });
  const acct = accounts(b, 'CA');
  paymentMethods(b);
  const service = b.create('Item', { Name: 'Bookkeeping', Type: 'Service', UnitPrice: 80, IncomeAccountRef: b.ref(acct.services), SalesTaxCodeRef: { value: '5' } });
  b.create('Item', { Name: 'Tax Preparation', Type: 'Service', UnitPrice: 150, IncomeAccountRef: b.ref(acct.services), SalesTaxCodeRef: { value: '5' } });
  const customers = ['Beaver Creek Outfitters', 'Northern Lights Café', 'Étienne Tremblay', 'Rideau Canal Tours'].map((DisplayName) => b.create('Customer', { DisplayName }));
  b.create('Employee', { GivenName: 'Claire', FamilyName: 'Gagnon' });
  b.at(now - 10 * DAY);
  b.create('Invoice', {
    CustomerRef: b.ref(customers[0]),
    DocNumber: 'ML-1001',
    TxnDate: pacificDate(now - 10 * DAY),
    Line: [{ Amount: 320, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: b.ref(service), Qty: 4, UnitPrice: 80, TaxCodeRef: { value: '5' } } }],
  });
  return b.state;
}

export function buildDemoCompanies(now: number): CompanyState[] {
  return [usCompany(now), caCompany(now)];
}
