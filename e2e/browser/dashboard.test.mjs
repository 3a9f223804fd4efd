// The dashboard in a real browser (Debian's Chromium, headless, driven by playwright-core), against the operator on
// the local cluster. Run by e2e/.../dashboard/DashboardBrowserIT, which prepares the environment and passes:
//   DASHBOARD_URL, EDITOR_TOKEN, VIEWER_TOKEN, NAMESPACE, PIPELINE, STEPS, DAY, FAILED_RUN, PROMOTION, SCREENSHOTS, CHROMIUM
// Exits non-zero on the first failed check; prints one line per check.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';

const env = (name) => { const v = process.env[name]; if (!v) throw new Error(`${name} is not set`); return v; };
const base = env('DASHBOARD_URL');
const ns = env('NAMESPACE');
const pipeline = env('PIPELINE');
const steps = Number(env('STEPS'));
const day = env('DAY');
const shots = env('SCREENSHOTS');
mkdirSync(shots, { recursive: true });
const started = Date.now();
const check = (what) => console.log(`ok ${((Date.now() - started) / 1000).toFixed(1)}s ${what}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

async function signIn(token, viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('dialog', (dialog) => { throw new Error(`a dialog opened: ${dialog.message()}`); });
  await page.goto(`${base}/`);
  assert.match(page.url(), /\/login$/, 'anonymous is sent to the login form');
  await page.getByLabel('Kubernetes bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
  return { context, page };
}

try {
  // Editor: overview, environment, pipeline graph, run with a parameter, live refresh to success, log tail.
  const editor = await signIn(env('EDITOR_TOKEN'));
  let page = editor.page;
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  const environmentLink = page.getByRole('link', { name: ns, exact: true }).first();
  await environmentLink.waitFor();
  check('overview lists the environment');
  const timing = (await editor.context.request.get(`${base}/`)).headers()['server-timing'];
  console.log(`overview server time: ${timing}`);

  await environmentLink.click();
  await page.getByRole('heading', { name: new RegExp(`Environment ${ns}`) }).waitFor();
  await page.getByRole('link', { name: pipeline, exact: true }).first().click();
  await page.waitForURL(`${base}/ns/${ns}/pipelines/${pipeline}`);
  assert.equal(await page.locator('#pipeline-graph g.step').count(), steps, 'one graph node per step');
  check(`the pipeline graph has ${steps} nodes`);

  await page.getByLabel(/^DAY/).fill(day);
  await page.getByRole('button', { name: 'Run now' }).click();
  await page.waitForURL(new RegExp(`/ns/${ns}/runs/${pipeline}-`));
  const runUrl = page.url();
  check(`a run started: ${runUrl.split('/').pop()}`);
  // No reload: the live section refreshes itself (htmx) until the run is finished.
  await page.locator('#run-phase', { hasText: 'Succeeded' }).waitFor({ timeout: 90_000 });
  check('the run succeeded, seen through the live refresh');
  assert.ok(await page.getByText(`Parameter DAY`).isVisible(), 'the parameter is shown');
  const logs = await page.locator('pre.log').allTextContents();
  assert.ok(logs.some((log) => log.includes(`day=${day}`)), `a log tail shows the parameter: ${logs.join(' | ')}`);
  check('the log tail shows the parameter');
  assert.ok(logs.some((log) => log.includes('<script>')), 'the <script> line is shown as text');
  assert.equal(await page.evaluate(() => window.__raffinerie_pwned), undefined, 'the <script> in the log did not run');
  assert.equal(await page.locator('pre.log script').count(), 0, 'no script element inside the log');
  check('a <script> in a log line is inert text');
  await page.screenshot({ path: `${shots}/run.png`, fullPage: true });

  // The run names the pipeline revision it ran (the second); its link leads to the revisions, which compare.
  assert.equal((await page.locator('#run-revision').textContent()).trim(), '2', 'the run ran revision 2');
  await page.locator('#run-revision').click();
  await page.waitForURL(`${base}/ns/${ns}/pipelines/${pipeline}#revisions`);
  assert.equal(await page.locator('table.revisions tbody tr').count(), 2, 'two revisions listed');
  assert.equal(await page.locator('table.revisions tr.current').getAttribute('data-revision'), '2', 'revision 2 is current');
  await page.locator('#compare').click();
  await page.waitForURL(new RegExp(`/ns/${ns}/pipelines/${pipeline}/diff\\?from=1&to=2`));
  const diff = await page.locator('pre.diff').textContent();
  assert.ok(diff.includes('the day to load'), `the diff shows the changed description: ${diff}`);
  check('the run links to its revision, and revisions 1 and 2 compare');

  await page.goto(`${base}/ns/${ns}/pipelines/${pipeline}`);
  assert.equal(await page.locator('#pipeline-graph g.step.Succeeded').count(), steps, 'every step coloured Succeeded');
  await page.screenshot({ path: `${shots}/pipeline.png`, fullPage: true });
  await page.goto(`${base}/ns/${ns}`);
  await page.screenshot({ path: `${shots}/environment.png`, fullPage: true });
  // The promotion into the environment is listed; its page says what it wrote and what the environment had.
  const promotion = env('PROMOTION');
  await page.getByRole('link', { name: promotion }).click();
  await page.waitForURL(`${base}/ns/${ns}/promotions/${promotion}`);
  assert.equal((await page.locator('#promotion-phase').textContent()).trim(), 'Succeeded', 'the promotion succeeded');
  assert.ok((await page.locator('#promotion-what').textContent()).includes('DataJob report'), 'it promoted the report job');
  assert.ok((await page.locator('#promotion-promoted').textContent()).includes('DataJob report, source revision 1'),
    'it wrote revision 1');
  assert.ok((await page.locator('#promotion-previous').textContent()).includes('none: the promotion created it'),
    'the environment had no report job');
  await page.screenshot({ path: `${shots}/promotion.png`, fullPage: true });
  check('the environment lists its promotion, and its page says what it wrote');
  await page.goto(`${base}/`);
  await page.screenshot({ path: `${shots}/overview.png`, fullPage: true });
  check('screenshots of the five pages');

  // A failed job run is run again (a pipeline run offers its two retries): a new run, its lineage noted.
  await page.goto(`${base}/ns/${ns}/runs/${env('FAILED_RUN')}`);
  await page.getByRole('button', { name: 'Run again' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith(`/runs/${env('FAILED_RUN')}`));
  await page.getByText('Retry of').waitFor();
  check(`run again started ${page.url().split('/').pop()}`);

  // A form posted without the session's CSRF token, with the editor's own cookie: refused.
  const forged = await editor.context.request.post(`${base}/ns/${ns}/runs`, {
    form: { kind: 'pipeline', target: pipeline }, maxRedirects: 0,
  });
  assert.equal(forged.status(), 403, 'a forged action without CSRF token is refused');
  check('a forged action (no CSRF token) is refused with 403');

  // Viewer: reads, but no Run button, and a forged action with their own valid form token is refused.
  const viewer = await signIn(env('VIEWER_TOKEN'), { width: 390, height: 844 });
  page = viewer.page;
  await page.goto(`${base}/ns/${ns}/pipelines/${pipeline}`);
  await page.locator('#pipeline-graph').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Run now' }).count(), 0, 'a viewer has no Run button');
  await page.goto(runUrl);
  assert.equal(await page.getByRole('button', { name: /Retry|Cancel/ }).count(), 0, 'a viewer has no action button');
  await page.screenshot({ path: `${shots}/run-phone-viewer.png`, fullPage: false });
  const csrf = await page.locator('input[name=csrf]').first().inputValue();
  const viewerPost = await viewer.context.request.post(`${base}/ns/${ns}/runs`, {
    form: { csrf, kind: 'pipeline', target: pipeline }, maxRedirects: 0,
  });
  assert.equal(viewerPost.status(), 403, 'a viewer may not start a run');
  check('a viewer has no Run button and their forged action is refused with 403');
  console.log(`browser test passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`FAILED: ${error.stack || error}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
