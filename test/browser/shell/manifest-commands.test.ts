import { expect } from 'chai';
import { ManifestError, parseManifest, viewOfUrl, type CommandNode } from '../../../dev/shell/app/manifest-commands';
import { buildMenuBar, recordCommands, type MenuItem } from '../../../dev/shell/app/menu-tree';
import { MANIFEST_XML } from './fixtures/manifest-xml';

/** A readable outline of a menu tree: "Label" for items, "Label > [...]" for sub-menus. */
function outline(items: readonly MenuItem[]): unknown[] {
  return items.map((i) => (i.kind === 'menu' ? { [i.label]: outline(i.children) } : i.label));
}

function views(nodes: readonly CommandNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'menu' ? views(n.children) : n.action.type === 'showTaskpane' ? [`${n.id}=${viewOfUrl(n.action.url)}`] : [`${n.id}()`]));
}

describe('shell: manifest commands', () => {
  it('reads identity, origin, panel and function file from the real manifest.xml', () => {
    const m = parseManifest(MANIFEST_XML);
    expect(m.displayName).to.equal('QuickBooks Online');
    expect(m.providerName).to.equal('QBO Sync');
    expect(m.origin).to.equal('http://localhost:3001');
    expect(m.sourceLocation).to.equal('http://localhost:3001/taskpane.html?view=integrations');
    expect(m.functionFileUrl).to.equal('http://localhost:3001/commands.html');
    expect(m.iconUrl).to.equal('http://localhost:3001/assets/icon-32.png');
    expect(m.highResolutionIconUrl).to.equal('http://localhost:3001/assets/icon-80.png');
  });

  it('builds the Setup tab: groups as sub-menus, buttons as items, a Menu control as a nested sub-menu', () => {
    const m = parseManifest(MANIFEST_XML);
    expect(m.tabs.map((t) => `${t.id}:${t.label}`)).to.deep.equal(['OT.Setup:Setup']);
    expect(views(m.tabs[0].children)).to.deep.equal([
      'OT.Integrations=integrations',
      'OT.AccountDetails=accountDefaults',
      'OT.ContactsSync=contactMatch',
      'OT.EmployeesSync=employeeMatch',
      'OT.WorkCodesSync=workCodeMatch',
      'OT.ExpenseCodesSync=expenseCodeMatch',
      'OT.SyncHistory=history',
      'OT.ExportInvoices=exportInvoices',
      'OT.ImportPayments=importPayments',
      'OT.ExportPayments=exportPayments',
      'OT.Reconcile=reconcile',
    ]);
    const timeBilling = (m.tabs[0].children[1] as Extract<CommandNode, { kind: 'menu' }>).children.find((c) => c.id === 'OT.TimeBilling');
    expect(timeBilling?.kind).to.equal('menu');
    const first = (m.tabs[0].children[1] as Extract<CommandNode, { kind: 'menu' }>).children[0];
    expect(first.kind === 'command' && first.action).to.deep.equal({ type: 'showTaskpane', taskpaneId: 'QboPanel', url: 'http://localhost:3001/taskpane.html?view=accountDefaults' });
  });

  it('merges the installed add-in into the shell\'s own Setup menu, and shows nothing when none is installed', () => {
    const bare = outline(buildMenuBar([]));
    expect(bare).to.deep.equal([
      { File: ['New Contact…', 'Refresh'] },
      { Setup: ['Firm Information…', 'Add-ins…'] },
      { Help: ['About OfficeTools WorkSpace'] },
    ]);
    const bar = outline(buildMenuBar([{ addinId: 'qbo-sync', manifest: parseManifest(MANIFEST_XML) }]));
    expect(bar).to.deep.equal([
      { File: ['New Contact…', 'Refresh'] },
      {
        Setup: [
          'Firm Information…',
          'Add-ins…',
          { 'My Company': [{ 'Information & Settings': ['Integrations'] }] },
          {
            'QuickBooks Online': [
              'Account Details',
              'Contacts Sync',
              'Employees Sync',
              'Work Codes Sync',
              'Expense Codes Sync',
              'Sync History',
              { 'Time & Billing': ['Export Invoices', 'Import Payments', 'Export Payments', 'Reconcile with QuickBooks Online'] },
            ],
          },
        ],
      },
      { Help: ['About OfficeTools WorkSpace'] },
    ]);
  });

  it('gives the record commands of the invoice view from the ContextMenuCell menu', () => {
    const commands = recordCommands([{ addinId: 'qbo-sync', manifest: parseManifest(MANIFEST_XML) }]);
    expect(outline(commands)).to.deep.equal([{ 'QuickBooks Online': ['Export to QuickBooks Online'] }]);
    const item = (commands[0] as Extract<MenuItem, { kind: 'menu' }>).children[0];
    expect(item.kind === 'addin' && item.action).to.deep.equal({ type: 'executeFunction', functionName: 'exportInvoiceToQbo' });
    expect(item.key).to.equal('qbo-sync:OT.ExportInvoiceNow');
  });

  it('follows the origin the add-in server rewrote the manifest to', () => {
    const served = MANIFEST_XML.split('http://localhost:3001').join('http://127.0.0.1:43001');
    const m = parseManifest(served);
    expect(m.origin).to.equal('http://127.0.0.1:43001');
    expect(m.functionFileUrl).to.equal('http://127.0.0.1:43001/commands.html');
  });

  it('refuses manifests it cannot trust or read, saying why', () => {
    const cases: Array<[string, RegExp]> = [
      [MANIFEST_XML.replace('<Host Name="OfficeTools"/>', '<Host Name="Workbook"/>'), /not an OfficeTools add-in/],
      [MANIFEST_XML.replace('http://localhost:3001/commands.html', 'https://elsewhere.example/commands.html'), /FunctionFile .* is not on the add-in's origin http:\/\/localhost:3001/],
      [MANIFEST_XML.replace('resid="Panel.contactMatch.Url"', 'resid="Panel.nothing.Url"'), /OT\.ContactsSync.*"Panel\.nothing\.Url", which is not defined/],
      [MANIFEST_XML.replace('</OfficeApp>', ''), /not well-formed XML/],
      ['<Other/>', /root element is <Other>/],
    ];
    for (const [xml, message] of cases) {
      expect(() => parseManifest(xml)).to.throw(ManifestError, message);
    }
  });

  it('a manifest without the WorkSpace host installs with no commands', () => {
    const m = parseManifest(MANIFEST_XML.replace('<Host xsi:type="Workbook">', '<Host xsi:type="Document">'));
    expect(m.tabs).to.deep.equal([]);
    expect(m.functionFileUrl).to.equal(undefined);
    expect(outline(buildMenuBar([{ addinId: 'qbo-sync', manifest: m }]))).to.deep.equal(outline(buildMenuBar([])));
  });
});
