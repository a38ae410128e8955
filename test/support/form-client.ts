/**
 * A minimal cookie-keeping client over app.inject, for page tests: it follows what a browser
 * without JavaScript does — GET a form, read its CSRF token, POST the fields back.
 */
import type { FastifyInstance } from 'fastify';

export class FormClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  private keep(setCookie: string | string[] | undefined) {
    for (const line of ([] as string[]).concat(setCookie ?? [])) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader, ...headers } });
    this.keep(res.headers['set-cookie']);
    return res;
  }

  /** Posts the fields with the CSRF token found in the page at `formUrl`. */
  async submit(formUrl: string, action: string, fields: Record<string, string>, options: { csrf?: string } = {}) {
    const page = await this.get(formUrl);
    const csrf = options.csrf ?? /name="_csrf" value="([^"]*)"/.exec(page.body)?.[1] ?? '';
    const res = await this.app.inject({
      method: 'POST',
      url: action,
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
    this.keep(res.headers['set-cookie']);
    return res;
  }
}
