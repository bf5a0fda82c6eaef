import { bigExport } from '../../test/support/trello-export';
import { rssKb } from '../lib/proc';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/report';
import { nowMs, round, sleep } from '../lib/stats';

const TARGET_CARDS = 5000;
const TARGET_SECONDS = 10;
const TARGET_MB = 200;
/** The large board: it must import (no time target of its own). */
const LARGE_CARDS = 20_000;

/**
 * The export the import tests use: cards over 10 lists, a label on every third, a due date on every fifth,
 * a checklist of two items on every fourth and a comment on every tenth.
 */
const trelloExport = (cards: number): Buffer => Buffer.from(JSON.stringify(bigExport(cards, 10, true)));

/** The peak RSS of one process above its level at the start, sampled every 20 ms while `work` runs. */
const peakGrowth = async <A>(pid: number, work: () => Promise<A>): Promise<{ value: A; growthMb: number }> => {
  const base = rssKb(pid);
  let peak = base;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, rssKb(pid));
      await sleep(20);
    }
  })();
  const value = await work();
  running = false;
  await sampler;
  return { value, growthMb: round((Math.max(peak, rssKb(pid)) - base) / 1024, 1) };
};

const upload = async (ctx: ScenarioContext, bytes: Buffer): Promise<{ status: number; cards: number }> => {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), 'trello.json');
  const url = `${ctx.env.instances[0].url}/api/teams/${ctx.crew.teamId}/imports/trello`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.crew.owner.token}` },
    body: form,
  });
  const body = (await res.json()) as { report?: { cards: number } };
  return { status: res.status, cards: body.report?.cards ?? 0 };
};

/** The 20,000-card export, imported after the timed one: whether it imports whole, its time and memory. */
const timedLarge = async (ctx: ScenarioContext) => {
  const file = trelloExport(LARGE_CARDS);
  const started = nowMs();
  const { value, growthMb } = await peakGrowth(ctx.env.instances[0].pid, () => upload(ctx, file));
  const whole = value.status === 201 && value.cards === LARGE_CARDS;
  return {
    status: whole ? value.status : `${value.status} (${value.cards} cards)`,
    seconds: round((nowMs() - started) / 1000, 1),
    growthMb,
  };
};

export const trelloImportScenario: Scenario = {
  id: '15',
  title: 'Trello import: a 5,000-card export, time and instance memory',
  run: async (ctx): Promise<ScenarioResult> => {
    const cards = ctx.quick ? 500 : TARGET_CARDS;
    const file = trelloExport(cards);
    const started = nowMs();
    const { value, growthMb } = await peakGrowth(ctx.env.instances[0].pid, () => upload(ctx, file));
    const seconds = round((nowMs() - started) / 1000, 1);
    const whole = value.status === 201 && value.cards === cards;
    const large = ctx.quick ? null : await timedLarge(ctx);
    return {
      id: '15',
      title: trelloImportScenario.title,
      figures: {
        cards,
        'file size': `${round(file.length / 1024 / 1024, 1)} MB`,
        status: value.status,
        'import time': `${seconds} s`,
        'RSS growth': `${growthMb} MB`,
        ...(large && {
          [`${LARGE_CARDS} cards: status`]: large.status,
          [`${LARGE_CARDS} cards: import time`]: `${large.seconds} s`,
          [`${LARGE_CARDS} cards: RSS growth`]: `${large.growthMb} MB`,
        }),
      },
      latencies: {},
      targets: [
        {
          ref: 'T15a',
          name: `importing a ${cards}-card export`,
          target: `<= ${TARGET_SECONDS} s`,
          actual: `${seconds} s`,
          met: whole && seconds <= TARGET_SECONDS,
        },
        {
          ref: 'T15b',
          name: 'instance memory growth during the import',
          target: `<= ${TARGET_MB} MB`,
          actual: `${growthMb} MB`,
          met: whole && growthMb <= TARGET_MB,
        },
      ],
      usage: [],
      notes: [
        'instance A, one multipart upload over loopback; RSS sampled every 20 ms from /proc against its level just before the upload; every card is one board event through the engine',
      ],
    };
  },
};
