/**
 * Just enough of a browser for driving the OAuth flow over HTTP in tests: a cookie jar that,
 * like a browser, ignores ports and honours Path, manual redirects, and HTML forms filled and
 * submitted the way a user would (type into fields, pick an option, press a named button).
 */
export interface FormField {
  name: string;
  value: string;
  type: string;
}

export interface FormButton {
  name?: string;
  value?: string;
  label: string;
}

export interface HtmlForm {
  action: string;
  method: string;
  fields: FormField[];
  selects: { name: string; options: { value: string; label: string }[] }[];
  radios: { name: string; value: string; label: string }[];
  buttons: FormButton[];
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
};

const decodeEntities = (s: string): string =>
  s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

const text = (html: string): string => decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();

export function parseForms(html: string, pageUrl: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const tag = m[1];
    const body = m[2];
    const form: HtmlForm = {
      action: new URL(attr(tag, 'action') ?? pageUrl, pageUrl).href,
      method: (attr(tag, 'method') ?? 'GET').toUpperCase(),
      fields: [],
      selects: [],
      radios: [],
      buttons: [],
    };
    for (const input of body.matchAll(/<input\b[^>]*>/gi)) {
      const t = input[0];
      const name = attr(t, 'name');
      const type = (attr(t, 'type') ?? 'text').toLowerCase();
      if (type === 'submit') {
        form.buttons.push({ name, value: attr(t, 'value'), label: attr(t, 'value') ?? '' });
        continue;
      }
      if (!name) continue;
      if (type === 'radio') {
        const id = attr(t, 'id');
        const label = id ? new RegExp(`<label[^>]*for=["']?${id}["']?[^>]*>([\\s\\S]*?)</label>`, 'i').exec(body)?.[1] : undefined;
        form.radios.push({ name, value: attr(t, 'value') ?? 'on', label: label ? text(label) : '' });
        continue;
      }
      if (type === 'checkbox' && !/\schecked/i.test(t)) continue;
      form.fields.push({ name, value: attr(t, 'value') ?? '', type });
    }
    for (const sel of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(sel[1], 'name');
      if (!name) continue;
      const options = [...sel[2].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)].map((o) => ({
        value: attr(o[1], 'value') ?? text(o[2]),
        label: text(o[2]),
      }));
      form.selects.push({ name, options });
    }
    for (const b of body.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
      const type = (attr(b[1], 'type') ?? 'submit').toLowerCase();
      if (type !== 'submit') continue;
      form.buttons.push({ name: attr(b[1], 'name'), value: attr(b[1], 'value'), label: text(b[2]) });
    }
    forms.push(form);
  }
  return forms;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
  host: string;
}

export class BrowserLike {
  private cookies: Cookie[] = [];

  /** The value of a cookie this browser holds for `host`, if any. */
  cookie(host: string, name: string): string | undefined {
    return this.cookies.find((c) => c.host === host && c.name === name)?.value;
  }

  /** One request, no redirect following; stores cookies it sets. */
  async request(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookies
      .filter((c) => c.host === u.hostname && u.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
    if (cookie) headers.Cookie = cookie;
    const res = await fetch(url, { method: init.method ?? 'GET', body: init.body, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) this.store(line, u);
    return res;
  }

  /** Follows redirects (GET after each) until a page answers; returns it and its URL. */
  async navigate(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<{ url: string; res: Response; html: string }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects');
      current = new URL(res.headers.get('location') ?? '', current).href;
      await res.arrayBuffer();
      res = await this.request(current);
    }
    return { url: current, res, html: await res.text() };
  }

  /** Submits `form` with `values` overriding its fields, pressing the button whose label matches. */
  submit(form: HtmlForm, values: Record<string, string>, button: RegExp, stopAt?: (url: string) => boolean): Promise<{ url: string; res: Response; html: string }> {
    const data = new URLSearchParams();
    for (const f of form.fields) data.set(f.name, values[f.name] ?? f.value);
    for (const s of form.selects) data.set(s.name, values[s.name] ?? s.options[0]?.value ?? '');
    for (const r of form.radios) if (values[r.name] !== undefined) data.set(r.name, values[r.name]);
    for (const [k, v] of Object.entries(values)) if (!data.has(k)) data.set(k, v);
    const pressed = form.buttons.find((b) => button.test(b.label));
    if (!pressed) throw new Error(`no button matching ${button} in form (buttons: ${form.buttons.map((b) => b.label).join(', ')})`);
    if (pressed.name) data.set(pressed.name, pressed.value ?? '');
    if (stopAt) return this.until(form, data, stopAt);
    if (form.method === 'GET') {
      const u = new URL(form.action);
      u.search = data.toString();
      return this.navigate(u.href);
    }
    return this.navigate(form.action, { method: 'POST', body: data.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  }

  /** Like submit, but stops before requesting the first redirect target that `stopAt` accepts, returning that URL. */
  private async until(form: HtmlForm, data: URLSearchParams, stopAt: (url: string) => boolean): Promise<{ url: string; res: Response; html: string }> {
    let res = await this.request(form.action, form.method === 'GET' ? {} : { method: 'POST', body: data.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    let current = form.action;
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects');
      current = new URL(res.headers.get('location') ?? '', current).href;
      await res.arrayBuffer();
      if (stopAt(current)) return { url: current, res, html: '' };
      res = await this.request(current);
    }
    return { url: current, res, html: await res.text() };
  }

  private store(line: string, from: URL): void {
    const [pair, ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    let cookiePath = '/';
    let expired = false;
    for (const a of attrs) {
      const [k, v = ''] = a.split('=');
      if (k.trim().toLowerCase() === 'path') cookiePath = v.trim() || '/';
      if (k.trim().toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
    }
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === from.hostname && c.path === cookiePath));
    if (!expired) this.cookies.push({ name, value, path: cookiePath, host: from.hostname });
  }
}
