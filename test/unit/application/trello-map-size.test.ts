import * as E from 'fp-ts/Either';
import { planOps } from '../../../src/application/imports/plan-ops';
import { mapTrello } from '../../../src/application/imports/trello-map';
import type { Uuid } from '../../../src/domain';
import { bigExport } from '../../support/trello-export';

describe('mapping a large Trello export', () => {
  test('20,000 cards with checklists and comments map and become decoded ops within seconds', () => {
    const json = JSON.parse(JSON.stringify(bigExport(20_000, 20, true))) as unknown;
    const started = Date.now();
    const plan = mapTrello(json, []);
    if (E.isLeft(plan)) throw new Error(plan.left.message);
    let n = 0;
    const ops = planOps(plan.right, () => `00000000-0000-7000-8000-${(n++).toString(16).padStart(12, '0')}` as Uuid);
    if (E.isLeft(ops)) throw new Error(ops.left.message);
    const count = (i: number) => ops.right.phases[i]!.length;
    expect([count(1), count(2), count(5), count(6), count(7), count(8)]).toEqual([
      20, 20_000, 5_000, 10_000, 5_000, 2_000,
    ]);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
