// The dashboard as a person uses it (SPEC §12), in Chromium against the real daemon: log in with
// the password the daemon printed, find a check made through the API, see a ping arrive without
// reloading, read the ping's message and body on the check's page, pause and delete the check;
// create a cron check through the form (a bad schedule refused beside the field, then the next 5
// fire times of a good one), a webhook channel to a local receiver (its URL edited, a test message
// received), a maintenance window the check shows, and rotate the ping key; a form without its
// CSRF token is refused, and so are wrong passwords, then rate-limited.
import { createServer } from "node:http";
import { assert, launchBrowser, screenshot, startDaemon } from "./support.mjs";

/** A local HTTP server that records the requests it gets (a webhook receiver). */
async function aReceiver() {
  const received = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push({ method: req.method, path: req.url, body });
      res.end("ok");
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, received, stop: () => new Promise((resolve) => server.close(resolve)) };
}

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

    let formCheck = null;
    await step("a cron check made through the form: a bad schedule is refused beside the field, a good one shows its next 5 fire times", async () => {
      await page.goto(`${daemon.url}/app/projects/default`);
      await Promise.all([page.waitForURL(/\/checks\/new$/), page.click("a[href$='/checks/new']")]);
      await page.fill("#f-name", "Form check");
      await page.fill("#f-slug", "form-check");
      await page.check("input[name=kind][value=cron]");
      assert(await page.locator("#f-timeout").isHidden(), "the period of simple checks still shows for a cron check");
      await page.fill("#f-tz", "Europe/Berlin");
      await page.fill("#f-schedule", "0 25 * * *");
      await page.locator("#schedule-preview .field-error").waitFor({ timeout: 5_000 });
      assert((await page.locator("#schedule-preview").innerText()).includes("hour field: 25 is out of range 0-23"), "the live preview does not name the hour field");
      await page.fill("#f-grace", "10m");
      await Promise.all([page.waitForLoadState("domcontentloaded"), page.click("button.primary[type=submit]")]);
      const error = await page.locator("#f-schedule-error").innerText();
      assert(error.includes("schedule is not a valid cron expression (hour field: 25 is out of range 0-23)"), `the message beside the field reads: ${error}`);
      assert((await page.inputValue("#f-schedule")) === "0 25 * * *", "the bad schedule was not kept");
      assert((await page.inputValue("#f-grace")) === "10m", "the other values were not kept");
      await page.fill("#f-schedule", "30 2 * * *");
      await page.locator("#next-fires li").nth(4).waitFor({ timeout: 5_000 });
      const fires = await page.locator("#next-fires li").allInnerTexts();
      assert(fires.length === 5 && fires.every((f) => f.includes(" 02:30")), `the fire times read: ${fires.join(" | ")}`);
      await screenshot(page, "dashboard-check-form", { docs: "dashboard-check-form" });
      await Promise.all([page.waitForURL(/done=created/), page.click("button.primary[type=submit]")]);
      formCheck = /\/app\/checks\/([0-9a-f-]{36})/.exec(page.url())[1];
      const facts = await page.locator(".facts").first().innerText();
      assert(facts.includes("Next 5 fire times") && facts.includes("02:30"), `the check's page reads: ${facts}`);
      const made = await (await api(`/api/v3/checks/${formCheck}`)).json();
      assert(made.schedule === "30 2 * * *" && made.tz === "Europe/Berlin" && made.grace === 600, `the API has ${JSON.stringify(made)}`);
    });

    await step("a webhook channel to a local receiver: created, its URL edited, a test message received", async () => {
      const receiver = await aReceiver();
      try {
        await page.goto(`${daemon.url}/app/projects/default/channels`);
        await Promise.all([page.waitForURL(/kind=webhook/), page.click("a[href$='kind=webhook']")]);
        await page.fill("#f-name", "ops hook");
        await page.fill("#f-url", `${receiver.url}/first`);
        await Promise.all([page.waitForURL(/\/app\/channels\/[0-9a-f-]{36}\?done=created/), page.click("button.primary[type=submit]")]);
        await page.fill("#f-url", `${receiver.url}/second`);
        await Promise.all([page.waitForURL(/done=saved/), page.click("form.channel-form button.primary")]);
        assert((await page.inputValue("#f-url")) === `${receiver.url}/second`, "the edited URL does not show");
        await Promise.all([page.waitForLoadState("domcontentloaded"), page.click("form[action$='/test'] button")]);
        const outcome = await page.locator(".test-result").innerText();
        assert(outcome.includes("delivered"), `the test outcome reads: ${outcome}`);
        assert(receiver.received.length === 1 && receiver.received[0].path === "/second" && receiver.received[0].method === "POST", `the receiver got ${JSON.stringify(receiver.received)}`);
        assert((await page.locator("#delivery-log tbody tr").count()) === 1, "the delivery log does not list the test message");
        await screenshot(page, "dashboard-channel", { docs: "dashboard-channel" });
      } finally {
        await receiver.stop();
      }
    });

    await step("a maintenance window made on the maintenance page shows on the check it selects", async () => {
      await page.goto(`${daemon.url}/app/projects/default/maintenance`);
      const local = (ms) => new Date(ms).toISOString().slice(0, 16);
      await page.fill("#f-name", "Tonight's upgrade");
      await page.fill("#f-start", local(Date.now() - 3_600_000));
      await page.fill("#f-end", local(Date.now() + 7_200_000));
      await page.fill("#f-tz", "UTC");
      await page.fill("#f-slugs", "form-check");
      await Promise.all([page.waitForURL(/done=created/), page.click("form.window-form button.primary")]);
      assert((await page.locator(".window-active").first().innerText()).includes("in force now"), "the window is not shown in force");
      await page.goto(`${daemon.url}/app/checks/${formCheck}`);
      const windows = await page.locator("#check-windows").innerText();
      assert(windows.includes("Tonight's upgrade: in force"), `the check's page lists: ${windows}`);
    });

    await step("rotating the ping key shows the new one once and changes the page's ping URL", async () => {
      await page.goto(`${daemon.url}/app/projects/default/settings`);
      const before = await page.locator("#ping-url").innerText();
      await Promise.all([page.waitForLoadState("domcontentloaded"), page.click("button[data-rotate=ping_key]")]);
      const fresh = (await page.locator("#new-key").innerText()).trim();
      const after = await page.locator("#ping-url").innerText();
      assert(after !== before && after.includes(`/ping/${fresh}/`), `the ping URL went from ${before} to ${after}`);
      assert((await fetch(`${daemon.url}/ping/${fresh}/form-check`)).status === 200, "a ping with the new key was not taken");
      await page.goto(`${daemon.url}/app/projects/default/settings`);
      assert((await page.locator("#new-key").count()) === 0, "the new key is shown again");
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
