import { rssKb } from '../lib/proc';
import type { Scenario, ScenarioContext, ScenarioResult } from '../lib/report';
import { nowMs, round, sleep } from '../lib/stats';

const TARGET_CARDS = 5000;
const TARGET_SECONDS = 10;
const TARGET_MB = 200;

let seq = 0;
const trelloId = () => (0x6a000000 + seq++).toString(16).padStart(24, 'b');

/** A Trello export of `cards` cards over 10 lists: a label on every third, a checklist on every fourth, a comment on every tenth. */
const trelloExport = (cards: number) => {
  const board = trelloId();
  const lists = Array.from({ length: 10 }, (_, i) => ({
    id: trelloId(),
    name: `List ${i}`,
    closed: false,
    pos: i + 1,
  }));
  const label = { id: trelloId(), name: 'Bug', color: 'red' };
  const out = {
    id: board,
    name: `Imported ${cards}`,
    lists,
    labels: [label],
    members: [],
    cards: [] as object[],
    checklists: [] as object[],
    actions: [] as object[],
  };
  for (let i = 0; i < cards; i++) {
    const id = trelloId();
    out.cards.push({
      id,
      name: `Card ${i}`,
      desc: `Notes for card ${i}`,
      closed: false,
      idList: lists[i % 10]!.id,
      pos: i,
      idLabels: i % 3 === 0 ? [label.id] : [],
      idMembers: [],
      due: null,
      start: null,
      attachments: [],
    });
    if (i % 4 === 0)
      out.checklists.push({
        id: trelloId(),
        idCard: id,
        name: 'Todo',
        pos: 1,
        checkItems: [
          { id: trelloId(), name: 'One', state: 'complete', pos: 1 },
          { id: trelloId(), name: 'Two', state: 'incomplete', pos: 2 },
        ],
      });
    if (i % 10 === 0)
      out.actions.push({
        id: trelloId(),
        type: 'commentCard',
        date: '2024-05-01T12:00:00.000Z',
        data: { text: `On ${i}`, card: { id } },
        memberCreator: { fullName: 'Tess' },
      });
  }
  return Buffer.from(JSON.stringify(out));
};

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
    return {
      id: '15',
      title: trelloImportScenario.title,
      figures: {
        cards,
        'file size': `${round(file.length / 1024 / 1024, 1)} MB`,
        status: value.status,
        'import time': `${seconds} s`,
        'RSS growth': `${growthMb} MB`,
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
