import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { loadKnowledge, formatProblem, type KnowledgeBase } from '../../knowledge/loader';
import { serviceForTenant } from '../../knowledge/resolve';
import { FIXTURES, KNOWLEDGE_DIR, ROOT } from '../helpers/paths';

const REQUIRED_SERVICES = [
  'personalausweis',
  'reisepass',
  'wohnsitz-anmeldung',
  'wohnsitz-abmeldung',
  'meldebescheinigung',
  'fuehrungszeugnis',
  'kfz-zulassung',
  'kfz-abmeldung',
  'fuehrerschein',
  'gewerbeanmeldung',
  'geburtsurkunde',
  'eheschliessung',
  'wohngeld',
  'elterngeld',
  'hundesteuer',
  'bewohnerparkausweis',
  'baugenehmigung',
  'aufenthaltstitel',
  'briefwahl',
  'beglaubigung',
  'fundsache',
  'sperrmuell',
];

describe('knowledge', () => {
  describe('the shipped knowledge', () => {
    let kb: KnowledgeBase;
    before(() => {
      const result = loadKnowledge(KNOWLEDGE_DIR, ROOT);
      if (!result.ok) assert.fail(result.problems.map(formatProblem).join('\n'));
      kb = result.knowledge;
    });

    it('has every service of DESIGN.md and both tenants', () => {
      assert.deepEqual(
        REQUIRED_SERVICES.filter((id) => !kb.services.has(id)),
        [],
      );
      assert.ok(kb.tenants.has('wolfsburg') && kb.tenants.has('gifhorn'));
    });

    it('gives every service documents, fees, procedure, an office per tenant, a source and a check date', () => {
      for (const service of kb.services.values()) {
        for (const tenant of kb.tenants.keys()) {
          const s = serviceForTenant(kb, service.id, tenant);
          assert.ok(s, `${service.id} has no office in ${tenant}`);
          assert.ok(s.unterlagen.length > 0 && s.kosten.length > 0 && s.verfahrensablauf.length > 0, service.id);
          assert.match(s.quellen[0].url, /^https?:\/\//);
          assert.match(s.quellen[0].geprueft, /^\d{4}-\d{2}-\d{2}$/);
        }
      }
    });

    it('sends Gifhorn citizens to their Gemeinde/Samtgemeinde for ID card, passport and registration', () => {
      for (const id of ['personalausweis', 'reisepass', 'wohnsitz-anmeldung', 'wohnsitz-abmeldung']) {
        const s = serviceForTenant(kb, id, 'gifhorn');
        assert.ok(s?.office.gruppe, `${id} in gifhorn should be done by the Gemeinden`);
        assert.match(s.office.name, /Gemeinde/);
      }
    });

    it('never states a contact detail without a source: offices without phone list it as a placeholder or cite a source', () => {
      for (const tenant of kb.tenants.values()) {
        for (const office of tenant.aemter) {
          if (office.telefon || office.adresse || office.email) {
            assert.ok((office.quellen ?? []).length > 0 || tenant.quellen.length > 0, `${office.id} has contact data but no source`);
          }
        }
      }
    });
  });

  describe('validation with line-precise errors', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
      cpSync(join(FIXTURES, 'knowledge-min'), dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function edit(file: string, from: string, to: string): void {
      const path = join(dir, file);
      const text = readFileSync(path, 'utf8');
      assert.ok(text.includes(from), `fixture ${file} lacks "${from}"`);
      writeFileSync(path, text.replace(from, to));
    }
    function problems(): string[] {
      const r = loadKnowledge(dir, dir);
      return r.ok ? [] : r.problems.map(formatProblem);
    }

    it('accepts the valid fixture', () => {
      assert.deepEqual(problems(), []);
    });

    // One edit, exactly one problem at its file and line.
    const ONE_PROBLEM = [
      {
        what: 'a wrong type at its line',
        file: 'services/testausweis.yaml',
        from: 'betrag: 12.5',
        to: 'betrag: zwölf',
        problem: 'services/testausweis.yaml:14: kosten[0].betrag: Invalid input: expected number, received string',
      },
      {
        what: 'an unknown office id at its line',
        file: 'services/testausweis.yaml',
        from: 'musterstadt: ms-buergerbuero',
        to: 'musterstadt: ms-gibtsnicht',
        problem: 'services/testausweis.yaml:18: zustaendigkeit.musterstadt: unknown office id "ms-gibtsnicht"',
      },
    ];
    for (const c of ONE_PROBLEM) {
      it(`reports ${c.what}`, () => {
        edit(c.file, c.from, c.to);
        assert.deepEqual(problems(), [c.problem]);
      });
    }

    it('reports a missing field at the object that lacks it', () => {
      edit('services/testausweis.yaml', 'kurz: Ein Ausweis nur für Tests.\n', '');
      const p = problems();
      assert.equal(p.length, 1);
      assert.match(p[0], /^services\/testausweis\.yaml:1: kurz: /);
    });

    it('reports broken YAML with its line', () => {
      edit('tenants/musterstadt.yaml', 'art: Stadt', 'art: [Stadt');
      const p = problems();
      assert.ok(p.length >= 1);
      assert.match(p[0], /^tenants\/musterstadt\.yaml:\d+: YAML syntax: /);
      const line = Number(p[0].split(':')[1]);
      assert.ok(line >= 3 && line <= 5, `line ${line}`);
    });

    it('reports an unknown field, a bad date and a bad opening-hours range', () => {
      edit('services/testausweis.yaml', 'kurz: Ein', 'kurzz: x\nkurz: Ein');
      edit('tenants/musterstadt.yaml', 'geprueft: 2026-11-25', 'geprueft: 25.11.2026');
      edit('tenants/musterstadt.yaml', '"14:00-16:00"', '"16:00-14:00"');
      const p = problems();
      assert.ok(p.includes('services/testausweis.yaml:7: kurzz: unknown field'), p.join('\n'));
      assert.ok(
        p.some((x) => /^tenants\/musterstadt\.yaml:28: quellen\[0\]\.geprueft: must be a real date/.test(x)),
        p.join('\n'),
      );
      assert.ok(
        p.some((x) => /^tenants\/musterstadt\.yaml:16: aemter\[0\]\.oeffnungszeiten\.mo\[1\]: must end after it starts/.test(x)),
        p.join('\n'),
      );
    });

    it('reports bad closures (schliesstage, schliessungen) at their line', () => {
      edit(
        'tenants/musterstadt.yaml',
        'servicecenter:',
        'schliesstage: ["12-24", "13-01", "02-30"]\nschliessungen:\n  - datum: 2026-12-02\n    zeit: "18:00-12:00"\nservicecenter:',
      );
      const p = problems();
      assert.ok(
        p.some((x) => /^tenants\/musterstadt\.yaml:6: schliesstage\[1\]: must be a day of the year MM-DD/.test(x)),
        p.join('\n'),
      );
      assert.ok(
        p.some((x) => /^tenants\/musterstadt\.yaml:6: schliesstage\[2\]: must be a day of the year MM-DD/.test(x)),
        p.join('\n'),
      );
      assert.ok(
        p.some((x) => /^tenants\/musterstadt\.yaml:8: schliessungen\[0\]\.grund: /.test(x)),
        p.join('\n'),
      );
      assert.ok(
        p.some((x) => /^tenants\/musterstadt\.yaml:9: schliessungen\[0\]\.zeit: must end after it starts/.test(x)),
        p.join('\n'),
      );
    });

    it('reports a broken catalogue of services not answered yet at its lines', () => {
      writeFileSync(
        join(dir, 'weitere-leistungen.yaml'),
        [
          'geprueft: 2026-12-03',
          'leistungen:',
          '  - id: sterbeurkunde',
          '    name: Sterbeurkunde',
          '    synonyme: [Todesurkunde]',
          '    zustaendig: Standesamt',
          '    quelle: https://example.org/sterbeurkunde',
          '  - id: sterbeurkunde',
          '    name: Sterbeurkunde doppelt',
          '    synonyme: [Sterbeurkunde bestellen]',
          '    zustaendig: Standesamt',
          '    quelle: https://example.org/sterbeurkunde',
          '    verwechselbarMit: [gibtsnicht]',
          '  - id: testausweis',
          '    name: Testausweis',
          '    synonyme: [Testausweis]',
          '    zustaendig: Amt',
          '    quelle: keine-url',
          '    kommunen: { nirgendwo: Amt }',
        ].join('\n'),
      );
      const p = problems();
      assert.ok(p.includes('weitere-leistungen.yaml:18: leistungen[2].quelle: must be an http(s) URL'), p.join('\n'));
      writeFileSync(
        join(dir, 'weitere-leistungen.yaml'),
        readFileSync(join(dir, 'weitere-leistungen.yaml'), 'utf8').replace('keine-url', 'https://example.org'),
      );
      const q = problems();
      assert.ok(q.includes('weitere-leistungen.yaml:8: leistungen[1].id: "sterbeurkunde" is used twice'), q.join('\n'));
      assert.ok(q.includes('weitere-leistungen.yaml:13: leistungen[1].verwechselbarMit: unknown service "gibtsnicht"'), q.join('\n'));
      assert.ok(q.includes('weitere-leistungen.yaml:14: leistungen[2].id: "testausweis" is an answered service'), q.join('\n'));
      assert.ok(
        q.some((x) => x.startsWith('weitere-leistungen.yaml:19: leistungen[2].kommunen.nirgendwo: unknown tenant')),
        q.join('\n'),
      );
    });

    it('check-knowledge exits 0 on valid and 1 with file:line lines on invalid knowledge', () => {
      const cli = join(ROOT, 'dist', 'knowledge', 'cli', 'checkKnowledge.js');
      const ok = execFileSync(process.execPath, [cli, dir], { encoding: 'utf8' });
      assert.match(ok, /^ok: 1 services/);
      edit('services/testausweis.yaml', 'betrag: 12.5', 'betrag: "x"');
      const bad = spawnSync(process.execPath, [cli, dir], { encoding: 'utf8', cwd: dir });
      assert.equal(bad.status, 1);
      assert.match(bad.stdout, /services\/testausweis\.yaml:14: kosten\[0\]\.betrag: /);
    });
  });

  it('check-knowledge --placeholders lists, file:line each, the office details the Kommunen still have to fill in', () => {
    const cli = join(ROOT, 'dist', 'knowledge', 'cli', 'checkKnowledge.js');
    const out = execFileSync(process.execPath, [cli, '--placeholders'], { encoding: 'utf8', cwd: ROOT });
    const lines = out.trim().split('\n');
    assert.match(lines[0], /^ok: /);
    // (The translation report's lines, after the placeholders, are another list.)
    const open = lines.filter((l) => /^knowledge\/tenants\/\w+\.yaml:\d+: (?!missing translation|stale translation)/.test(l));
    assert.ok(open.length > 0);
    // Each line points at the office's platzhalter list and names the missing fields in German.
    for (const l of open)
      assert.match(l, /: [a-z0-9-]+ \(.+\): (Telefon|E-Mail|Adresse|Öffnungszeiten|Website)(, [^,]+)* (fehlt|fehlen)$/, l);
    assert.match(lines[lines.length - 1], /^\d+ offices with details to fill in \(\d+ fields\)$/);
  });

  describe('translations (sprachen.<code> in the service files, texte/<code>/)', () => {
    let copy: string;
    beforeEach(() => {
      copy = mkdtempSync(join(tmpdir(), 'knowledge-translations-'));
      cpSync(KNOWLEDGE_DIR, copy, { recursive: true, dereference: true });
    });
    afterEach(() => rmSync(copy, { recursive: true, force: true }));
    const cli = (): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [join(ROOT, 'dist', 'knowledge', 'cli', 'checkKnowledge.js'), copy], { encoding: 'utf8', cwd: copy });
    const editCopy = (file: string, from: string | RegExp, to: string): void => {
      const path = join(copy, file);
      const text = readFileSync(path, 'utf8');
      assert.ok(typeof from === 'string' ? text.includes(from) : from.test(text), `${file} lacks ${from}`);
      writeFileSync(path, text.replace(from, to));
    };

    it('reports a translation checked before the German text was approved as stale, a missing one as missing, and stays valid', () => {
      editCopy('services/reisepass.yaml', /(\n {2}en:\n {4}geprueft:) \d{4}-\d{2}-\d{2}/, '$1 2020-01-01');
      editCopy('texte/tr/gespraech.yaml', /^abschied:.*\n/m, '');
      const out = cli();
      assert.equal(out.status, 0, String(out.stdout));
      const lines = String(out.stdout).split('\n');
      assert.ok(
        lines.some((l) =>
          /^services\/reisepass\.yaml:\d+: stale translation: en translation checked 2020-01-01, the German text was approved later/.test(
            l,
          ),
        ),
        String(out.stdout),
      );
      assert.ok(
        lines.some((l) =>
          /^texte\/tr\/gespraech\.yaml:1: missing translation: tr: reply texts not translated \(German is used\): abschied$/.test(l),
        ),
        String(out.stdout),
      );
      assert.match(lines[1], /^languages: de \(22 services, \d+ phrases\), en \(22 services, \d+ phrases\), tr \(8 services/);
    });

    it('a translated list of another length than the German one is a file:line problem', () => {
      editCopy('services/reisepass.yaml', /(\n {2}en:[\s\S]*?\n {4}verfahrensablauf:\n)( {6}- .*\n)/, '$1');
      const out = cli();
      assert.equal(out.status, 1);
      assert.match(
        String(out.stdout),
        /services\/reisepass\.yaml:\d+: sprachen\.en\.verfahrensablauf: \d+ items, the German list has \d+ \(item by item, in the German order\)/,
      );
    });
  });
});
