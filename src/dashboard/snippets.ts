// "How to ping" on a check's page (SPEC §12): ready-to-copy lines for the ways a job can report —
// curl in a crontab, `tocsin run`, runitor, email (only while the SMTP listener is on), the
// Uptime Kuma push URL, and the slug and Cronitor-style URLs. Values are the check's own.
import type { Check } from "../store/store.ts";
import { html, type Html } from "../web/html.ts";

export interface SnippetFacts {
  /** public base URL without a trailing slash */
  readonly baseUrl: string;
  readonly check: Pick<Check, "uuid" | "slug" | "kind" | "schedule" | "pushToken">;
  readonly pingKey: string;
  /** the first email domain when the SMTP listener is on, else null */
  readonly emailDomain: string | null;
}

export interface Snippet {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly note: string;
}

/** Shell-quotes a value for the lines below (URLs have no quotes, but a base URL could). */
function sh(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

export function snippets(f: SnippetFacts): Snippet[] {
  const ping = `${f.baseUrl}/ping/${f.check.uuid}`;
  const when = f.check.kind === "cron" ? f.check.schedule : "*/5 * * * *";
  const out: Snippet[] = [
    {
      id: "crontab",
      title: "crontab with curl",
      text: `${when} /path/to/job && curl -fsS -m 10 --retry 5 -o /dev/null ${sh(ping)}`,
      note: f.check.kind === "cron" ? "The check's own schedule; the ping follows a successful run." : "Put the job's own schedule in front; the ping follows a successful run.",
    },
    {
      id: "tocsin-run",
      title: "tocsin run (start, exit status, duration and output)",
      text: `TOCSIN_URL=${sh(f.baseUrl)} tocsin run ${f.check.uuid} -- /path/to/job`,
      note: "Reports the start, the exit status, the duration and the last 10 000 bytes of output; exits with the job's status.",
    },
    {
      id: "runitor",
      title: "runitor",
      text: `runitor -api-url ${sh(`${f.baseUrl}/ping`)} -uuid ${f.check.uuid} -- /path/to/job`,
      note: "Healthchecks' runner works unchanged with the base URL pointed here.",
    },
  ];
  if (f.emailDomain !== null) {
    out.push({ id: "email", title: "email", text: `${f.check.uuid}@${f.emailDomain}`, note: "A message to this address is a ping (set MAILTO in a crontab to it)." });
  }
  if (f.check.pushToken !== null) {
    out.push({ id: "kuma", title: "Uptime Kuma push URL", text: `${f.baseUrl}/api/push/${f.check.pushToken}?status=up&msg=OK&ping=`, note: "status=down (or anything but up) reports a failure." });
  }
  if (f.check.slug !== "") {
    out.push({ id: "slug", title: "by slug", text: `${f.baseUrl}/ping/${f.pingKey}/${f.check.slug}`, note: "The project's ping key and the check's slug; /start, /fail and /<exit status> work here too." });
    out.push({ id: "cronitor", title: "Cronitor-style URL", text: `${f.baseUrl}/p/${f.pingKey}/${f.check.slug}?state=complete`, note: "For Cronitor clients: state=run, complete or fail." });
  }
  return out;
}

export function snippetsSection(list: readonly Snippet[]): Html {
  return html`<section class="card" aria-labelledby="how-to-ping">
<h2 id="how-to-ping">How to ping</h2>
${list.map(
  (s) => html`<div class="snippet">
<h3>${s.title}</h3>
<div class="code-row"><pre><code id="snippet-${s.id}">${s.text}</code></pre><button type="button" class="copy" data-copy="snippet-${s.id}" hidden>Copy</button></div>
<p class="hint">${s.note}</p>
</div>`,
)}
</section>`;
}
