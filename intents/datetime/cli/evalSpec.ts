/**
 * `npm run eval:datetime`: runs the Recognizers-Text German specification (DateTimeModel.json and
 * NumberModel.json) and prints the pass rates. `--verbose` lists the failing cases. Always exits 0.
 */
import { percent, scoreDateTime, scoreNumber } from '../specEval';

const verbose = process.argv.includes('--verbose');
const dt = scoreDateTime();
const num = scoreNumber();

if (verbose) {
  for (const o of dt.outcomes.filter((x) => !x.strict)) {
    console.log(`${o.typeTimex ? 'TIMEX-OK' : 'FAIL    '} ${JSON.stringify(o.input)} @${o.ref ?? ''}`);
    console.log(`   expected: ${JSON.stringify(o.expected.map((e) => [e.Text, e.TypeName, e.Resolution?.values]))}`);
    console.log(`   actual:   ${JSON.stringify(o.actual.map((a) => [a.text, a.typeName, (a.resolution as { values?: unknown }).values]))}`);
  }
  for (const o of num.outcomes.filter((x) => !x.strict)) {
    console.log(`NUM-FAIL ${JSON.stringify(o.input)}`);
    console.log(`   expected: ${JSON.stringify(o.expected.map((e) => [e.Text, e.Resolution?.value]))}`);
    console.log(`   actual:   ${JSON.stringify(o.actual.map((a) => [a.text, (a.resolution as { value?: string }).value]))}`);
  }
}

console.log(`DateTimeModel.json: ${dt.total} cases (${dt.skipped} skipped as not supported by dotnet)`);
console.log(`  strict (text, span, type, values as upstream): ${dt.strict}/${dt.total} = ${percent(dt.strict, dt.total)} %`);
console.log(`  type+TIMEX:                                     ${dt.typeTimex}/${dt.total} = ${percent(dt.typeTimex, dt.total)} %`);
console.log(`NumberModel.json: ${num.total} cases (${num.skipped} skipped)`);
console.log(`  text, span, type, value:                       ${num.strict}/${num.total} = ${percent(num.strict, num.total)} %`);
process.exitCode = 0;
