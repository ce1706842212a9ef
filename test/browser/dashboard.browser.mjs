// The dashboard as a person uses it (SPEC §12), in Chromium against the real daemon: log in with
// the password the daemon printed, find a check made through the API, see a ping arrive without
// reloading, read the ping's message and body on the check's page, pause and delete the check;
// a form without its CSRF token is refused, and so are wrong passwords, then rate-limited.
import { assert, launchBrowser, screenshot, startDaemon } from "./support.mjs";

const API_KEY = "tcw_browserbrowserbrowserbrowser";

export async function run(step) {
  const daemon = await startDaemon({ TOCSIN_API_KEY: API_KEY });
  const browser = await launchBrowser();
  const api = (path, init = {}) => fetch(`${daemon.url}${path}`, { ...init, headers: { "X-Api-Key": API_KEY, ...init.headers } });
  try {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    // refused requests (the 403 below) are logged by the browser too: those are expected
    page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && pageErrors.push(m.text()));
    let password = "";
    let check = null;

    await step("the daemon prints the dashboard URL and an admin password at start", async () => {
      assert(daemon.stdout().includes(`Dashboard: ${daemon.url}/app`), `no dashboard URL in: ${daemon.stdout()}`);
      password = /Admin password: (\S+)/.exec(daemon.stdout())?.[1] ?? "";
      assert(password.length >= 20, "no admin password printed");
    });

    await step("checks made through the API exist", async () => {
      const made = [];
      for (const body of [
        { name: "Nightly backup", slug: "backup", tags: "prod db", schedule: "0 3 * * *", tz: "Europe/Berlin", grace: 600 },
        { name: "Invoice run", slug: "invoices", tags: "prod billing", schedule: "30 8 * * 1-5", tz: "Europe/Riga" },
        { name: "Heartbeat", slug: "heartbeat", tags: "infra", timeout: 300, grace: 60 },
        { name: "Disk cleanup", slug: "cleanup", tags: "infra", timeout: 86400 },
      ]) {
        const res = await api("/api/v3/checks/", { method: "POST", body: JSON.stringify(body) });
        assert(res.status === 201, `create answered ${res.status}`);
        made.push(await res.json());
      }
      check = made[0];
      await fetch(`${daemon.url}/ping/${made[2].uuid}`);
      await fetch(`${daemon.url}/ping/${made[3].uuid}/fail?msg=disk+full`);
    });

    await step("/ leads to the login form, and the printed password logs in", async () => {
      await page.goto(`${daemon.url}/`);
      assert(page.url().includes("/app/login"), `not at the login form: ${page.url()}`);
      await page.fill("#password", password);
      await Promise.all([page.waitForURL(/\/app\/projects\/default/), page.click("button[type=submit]")]);
    });

    await step("the checks page lists the check with its schedule in words", async () => {
      const row = page.locator(`#check-${check.uuid}`);
      await row.waitFor();
      const text = await row.innerText();
      assert(text.includes("Nightly backup") && text.includes("at 03:00 every day (Europe/Berlin)") && text.includes("waiting for first run"), `row reads: ${text}`);
      await page.locator("[data-live-state=on]").waitFor({ timeout: 5_000 });
    });

    await step("a ping sent with fetch shows up in the list without a reload", async () => {
      await page.evaluate(() => (window.__notReloaded = true));
      const rid = crypto.randomUUID();
      await fetch(`${daemon.url}/ping/${check.uuid}/start?rid=${rid}`);
      await new Promise((r) => setTimeout(r, 300));
      const res = await fetch(`${daemon.url}/ping/${check.uuid}/0?rid=${rid}&msg=backup+finished+OK`, { method: "POST", body: "pg_dump: dumped 42 tables\nupload: 3.1 GB to s3://backups\n" });
      assert(res.status === 200, `ping answered ${res.status}`);
      await page.locator(`#check-${check.uuid}.row-up`).waitFor({ timeout: 10_000 });
      assert(await page.evaluate(() => window.__notReloaded === true), "the page was reloaded");
      assert((await page.locator(`#check-${check.uuid}`).innerText()).includes("up"), "the row does not say up");
      await screenshot(page, "dashboard-checks", { docs: "dashboard-checks" });
    });

    await step("the check's page shows the ping's message and, opened, its body", async () => {
      await Promise.all([page.waitForURL(new RegExp(`/app/checks/${check.uuid}`)), page.click(`#check-${check.uuid} td.name a`)]);
      const ping = page.locator("#ping-2");
      assert((await ping.innerText()).includes("backup finished OK"), "no message in the ping log");
      const body = page.locator("#body-2 pre");
      assert(!(await body.isVisible()), "the body is open before it is asked for");
      await page.click("#body-2 summary");
      await body.waitFor({ state: "visible" });
      assert((await body.innerText()).includes("pg_dump: dumped 42 tables"), "the body does not show");
      for (const snippet of ["snippet-crontab", "snippet-tocsin-run", "snippet-runitor", "snippet-kuma"]) {
        assert((await page.locator(`#${snippet}`).innerText()).includes(daemon.url), `${snippet} lacks the base URL`);
      }
      await screenshot(page, "dashboard-check", { docs: "dashboard-check" });
    });

    await step("a form posted without its CSRF token is refused with 403", async () => {
      const probe = await browser.newPage();
      await probe.goto(`${daemon.url}/app/checks/${check.uuid}`);
      const [response] = await Promise.all([
        probe.waitForNavigation(),
        probe.evaluate((action) => {
          const form = document.createElement("form");
          form.method = "post";
          form.action = action;
          document.body.append(form);
          form.submit();
        }, `/app/checks/${check.uuid}/pause`),
      ]);
      assert(response.status() === 403, `answered ${response.status()}`);
      assert((await probe.locator("main").innerText()).includes("did not come from this dashboard"), "no explanation on the refusal page");
      await probe.close();
      const state = await (await api(`/api/v3/checks/${check.uuid}`)).json();
      assert(state.status === "up", `the check is ${state.status}`);
    });

    await step("Pause pauses the check", async () => {
      await page.goto(`${daemon.url}/app/checks/${check.uuid}`);
      await Promise.all([page.waitForURL(/done=paused/), page.click("form[action$='/pause'] button")]);
      assert((await page.locator(".status-line").innerText()).includes("paused"), "the page does not say paused");
      const state = await (await api(`/api/v3/checks/${check.uuid}`)).json();
      assert(state.status === "paused", `the API says ${state.status}`);
    });

    await step("Delete, once confirmed, deletes it", async () => {
      await page.click("details.danger summary");
      await page.check("input[name=confirm]");
      await Promise.all([page.waitForURL(/\/app\/projects\/default\?done=deleted/), page.click("button.danger")]);
      assert((await page.locator(`#check-${check.uuid}`).count()) === 0, "the row is still listed");
      assert((await api(`/api/v3/checks/${check.uuid}`)).status === 404, "the API still has it");
      assert((await fetch(`${daemon.url}/ping/${check.uuid}`)).status === 404, "its ping URL still works");
    });

    await step("the pages ran without script errors", async () => {
      assert(pageErrors.length === 0, pageErrors.join("\n"));
    });

    await step("a wrong password is refused, then the address is rate-limited", async () => {
      // another person: a browser of its own, without the session above (same address, 127.0.0.1)
      const other = await launchBrowser();
      const stranger = await other.newPage();
      await stranger.goto(`${daemon.url}/app/login`);
      let refused = 0;
      let limited = false;
      for (let i = 0; i < 10 && !limited; i++) {
        await stranger.fill("#password", `wrong password ${i}`);
        await Promise.all([stranger.waitForLoadState("domcontentloaded"), stranger.click("button[type=submit]")]);
        const text = await stranger.locator("main").innerText();
        if (text.includes("Too many login attempts")) limited = true;
        else if (text.includes("Wrong password.")) refused++;
        if (i === 0) await screenshot(stranger, "dashboard-login-refused");
        if (!limited) await stranger.goto(`${daemon.url}/app/login`);
      }
      assert(refused > 0, "no attempt was refused as wrong");
      assert(limited, "the attempts were never rate-limited");
      await stranger.goto(`${daemon.url}/app/login`);
      await stranger.fill("#password", password);
      await Promise.all([stranger.waitForLoadState("domcontentloaded"), stranger.click("button[type=submit]")]);
      assert((await stranger.locator("main").innerText()).includes("Too many login attempts"), "the right password got through while limited");
      await screenshot(stranger, "dashboard-login-limited");
      await other.close();
    });
  } finally {
    await browser.close();
    await daemon.stop();
  }
}
