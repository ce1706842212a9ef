// The public status page as visitors see it (SPEC §9), in Chromium against the real daemon on a
// seeded database (test/browser/seed-status.ts): light and dark at 360 and 1280 px, the banner,
// 90-day bars with a title for each day, an incident, the maintenance notice, embed mode inside
// an iframe (and a page that is not embed refusing to be framed), the password form, and nothing
// wider than a phone's screen.
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { join } from "node:path";
import { assert, launchBrowser, ROOT, screenshot, startDaemon } from "./support.mjs";

const PASSWORD = "browser-test-password";

/** A page of another site on its own port. */
function serve(html) {
  return new Promise((resolve) => {
    const server = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html));
    server.listen(0, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

function seed(dataPath) {
  const bun = join(ROOT, "node_modules", ".bin", "bun");
  const out = spawnSync(bun, [join(ROOT, "test", "browser", "seed-status.ts"), dataPath, PASSWORD], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`seeding failed: ${out.stderr || out.stdout}`);
}

/** Errors the page itself reports (scripts, refused styles or images under the CSP). */
function watch(page) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  return errors;
}

export async function run(step) {
  const daemon = await startDaemon({}, { prepare: seed });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = watch(page);
    const status = `${daemon.url}/status`;

    for (const scheme of ["light", "dark"]) {
      for (const width of [360, 1280]) {
        await step(`the page in ${scheme} at ${width} px shows banner, groups and maintenance, and nothing overflows`, async () => {
          await page.emulateMedia({ colorScheme: scheme });
          await page.setViewportSize({ width, height: 900 });
          const res = await page.goto(status);
          assert(res.status() === 200, `/status answered ${res.status()}`);
          const banner = await page.locator(".banner").innerText();
          assert(banner.includes("Maintenance in progress"), `banner reads: ${banner}`);
          const groups = await page.locator("section.group h2").allInnerTexts();
          assert(groups.join("|") === "Backups|Billing|Infrastructure", `groups: ${groups}`);
          assert(!(await page.content()).includes("Payroll"), "a private check is on the page");
          const notice = await page.locator("section.maintenance").first().innerText();
          assert(notice.includes("Maintenance now") && notice.includes("Storage migration"), `maintenance reads: ${notice}`);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert(overflow <= 0, `the page is ${overflow} px wider than the window`);
          const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
          assert(scheme === "dark" ? background === "rgb(13, 17, 23)" : background === "rgb(255, 255, 255)", `${scheme} background is ${background}`);
          await screenshot(page, `status-${scheme}-${width}`, width === 1280 && scheme === "light" ? { docs: "status-page" } : {});
        });
      }
    }

    await step("each check has a 90-day bar with a title for every day, telling downtime and incidents", async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(status);
      const bar = page.locator("li.check", { hasText: "Nightly database backup" }).locator("svg.bars");
      assert((await bar.locator("rect").count()) === 90, "the bar does not have 90 days");
      const titles = await bar.locator("rect > title").allTextContents();
      assert(titles.every((t) => /^\d{4}-\d\d-\d\d: /.test(t)), `titles: ${titles.slice(0, 3)}`);
      assert(titles.some((t) => /: [\d.]+% up, down 47 min 0 s, 1 incident$/.test(t)), "no day tells the 47-minute outage");
      assert((await bar.getAttribute("aria-labelledby")) !== null, "the bar has no label");
      const uptime = await page.locator("li.check", { hasText: "Nightly database backup" }).locator(".uptime").innerText();
      assert(uptime.includes("24 h") && uptime.includes("90 days"), `uptime reads: ${uptime}`);
    });

    await step("recent incidents list the outage with its length", async () => {
      const incidents = await page.locator("section.incidents").innerText();
      assert(incidents.includes("Nightly database backup") && incidents.includes("(47 min 0 s)"), `incidents read: ${incidents}`);
    });

    await step("a check's page shows its history and recent runs, never a body", async () => {
      await page.click("a:has-text('Nightly database backup')");
      await page.waitForURL(/\/status\/default\/db-backup$/);
      assert((await page.locator("h1").innerText()) === "Nightly database backup", "not the check's page");
      assert((await page.locator("svg.bars rect").count()) === 90, "no 90-day bar");
      const runs = await page.locator("table.runs-table tbody tr").allInnerTexts();
      assert(runs.length === 6 && runs[0].includes("succeeded") && runs[0].includes("6 min 12 s"), `runs: ${runs}`);
      assert(!(await page.content()).includes("SECRET") && !(await page.content()).includes("db-1.internal"), "a ping's body or host is on the page");
      await screenshot(page, "status-check-1280");
    });

    await step("embed mode renders inside an iframe of another page; a page that is not embed refuses to be framed", async () => {
      // another site (another origin) embeds the page, as a product's own page would
      const html = `<!doctype html><h1>Our product</h1><iframe id="ok" src="${status}/default?embed=banner,checks&theme=dark" width="600" height="700"></iframe><iframe id="no" src="${status}/default" width="300" height="200"></iframe>`;
      const site = await serve(html);
      const host = await browser.newPage();
      const hostErrors = watch(host);
      await host.goto(site.url);
      const embed = host.frameLocator("#ok");
      await embed.locator(".banner").waitFor({ timeout: 10_000 });
      assert((await embed.locator("li.check").count()) === 5, "the embed does not list the five public checks");
      assert((await embed.locator("footer").count()) === 0, "the embed has the page's footer");
      await host.waitForTimeout(500);
      const framed = host.frames().find((f) => f.url() === `${status}/default`);
      const refused = framed === undefined || (await framed.locator(".banner").count()) === 0;
      assert(refused, "a page without ?embed rendered inside a frame");
      assert(hostErrors.some((e) => e.includes("frame-ancestors")), `no frame-ancestors refusal was reported: ${hostErrors}`);
      await screenshot(host, "status-embed");
      await host.close();
      site.server.close();
    });

    await step("a password-protected page shows the form, refuses a wrong password and opens with the right one", async () => {
      await page.goto(`${status}/secure`);
      assert((await page.locator("form.login-form").count()) === 1, "no password form");
      assert(!(await page.content()).includes("Internal report"), "the page shows through the form");
      await page.setViewportSize({ width: 360, height: 700 });
      await screenshot(page, "status-password-360");
      await page.fill("#password", "not the password");
      await page.click("button[type=submit]");
      assert((await page.locator(".form-error").innerText()).includes("Wrong password"), "no error for a wrong password");
      await page.fill("#password", PASSWORD);
      await Promise.all([page.waitForURL(/\/status\/secure$/), page.click("button[type=submit]")]);
      assert((await page.locator("li.check").innerText()).includes("Internal report"), "the right password did not open the page");
      await page.reload();
      assert((await page.locator("li.check").count()) === 1, "the cookie did not keep the page open");
    });

    await step("no page reported a script error or a refused resource", async () => {
      assert(errors.filter((e) => !e.includes("403")).length === 0, `errors: ${errors.join("; ")}`);
    });
  } finally {
    await browser.close();
    await daemon.stop();
  }
}
