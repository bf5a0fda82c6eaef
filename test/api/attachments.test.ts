import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import request, { type Response } from 'supertest';
import {
  addMember,
  bearer,
  createBoard,
  createCard,
  createList,
  createTeam,
  expectError,
  seedBoard,
  signUp,
  startServer,
  type TestUser,
} from './helpers';

const MB = 1024 * 1024;

/** Collects a response body as bytes; an error answer (JSON) is parsed as such. */
const binary = (res: Response, done: (err: Error | null, body: unknown) => void) => {
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => {
    const bytes = Buffer.concat(parts);
    const json = String(res.headers['content-type'] ?? '').startsWith('application/json');
    done(null, json ? JSON.parse(bytes.toString('utf8')) : bytes);
  });
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000)]);

// 26 MB: room for every file here, and too little for a 25 MB file that was kept plus another 2 MB.
const server = startServer({ attachmentQuotaBytes: 26 * MB });
const { http } = server;

interface World {
  owner: TestUser;
  teamId: string;
  boardUrl: string;
  cardId: string;
  files: string;
}

const world = async (): Promise<World> => {
  const owner = await signUp(http, 'Olive');
  const { teamId, board, listId } = await seedBoard(http, owner);
  const boardUrl = board.url;
  const cardId = await createCard(http, owner, boardUrl, listId, 'Design the logo');
  return { owner, teamId, boardUrl, cardId, files: `${boardUrl}/cards/${cardId}/attachments` };
};

const upload = (w: World, user: TestUser, bytes: Buffer, filename: string, contentType?: string) =>
  request(http)
    .post(w.files)
    .set(bearer(user))
    .attach('file', bytes, { filename, ...(contentType !== undefined && { contentType }) });

const download = (url: string, user: TestUser) => request(http).get(url).set(bearer(user)).buffer(true).parse(binary);

const cardOf = async (w: World) => {
  const res = await request(http).get(w.boardUrl).set(bearer(w.owner));
  return (res.body.cards as { id: string; attachments: unknown[]; coverAttachmentId: string | null }[]).find(
    (c) => c.id === w.cardId,
  )!;
};

describe('attachments', () => {
  test('an uploaded image downloads byte for byte as an attachment, and has a small thumbnail', async () => {
    const w = await world();
    const image = await png(1200, 800);
    const res = await upload(w, w.owner, image, 'Logo draft.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      attachment: { name: 'Logo draft.png', size: image.length, contentType: 'image/png', hasThumbnail: true },
      seq: expect.any(Number),
    });
    const id = res.body.attachment.id as string;
    expect((await cardOf(w)).attachments).toEqual([res.body.attachment]);

    const file = await download(`${w.files}/${id}`, w.owner);
    expect(file.status).toBe(200);
    expect(sha256(file.body as Buffer)).toBe(sha256(image));
    expect(file.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(image.length),
      'content-disposition': `attachment; filename="Logo draft.png"; filename*=UTF-8''Logo%20draft.png`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private',
    });

    const thumb = await download(`${w.files}/${id}/thumbnail`, w.owner);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const meta = await sharp(thumb.body as Buffer).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 320, height: 213 });
  });

  test('the type is sniffed from the bytes: a PDF sent as image/png is a PDF and gets no thumbnail', async () => {
    const w = await world();
    const res = await upload(w, w.owner, PDF, 'report.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body.attachment).toMatchObject({ contentType: 'application/pdf', hasThumbnail: false });
    expectError(await download(`${w.files}/${res.body.attachment.id}/thumbnail`, w.owner), 404);
  });

  test('an HTML upload is served as bytes to save, never as a page', async () => {
    const w = await world();
    const page = Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>');
    const res = await upload(w, w.owner, page, 'evil.html', 'text/html');
    expect(res.body.attachment.contentType).toBe('application/octet-stream');
    const file = await download(`${w.files}/${res.body.attachment.id}`, w.owner);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect((file.body as Buffer).equals(page)).toBe(true);
  });

  test('a name with a path and a direction override is made safe, and kept in UTF-8', async () => {
    const w = await world();
    const res = await upload(w, w.owner, Buffer.from('hello\n'), '../../etc/Grüße\u202e.txt');
    expect(res.body.attachment).toMatchObject({ name: 'Grüße_.txt', contentType: 'text/plain' });
    const file = await download(`${w.files}/${res.body.attachment.id}`, w.owner);
    expect(file.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Gr__e_.txt"; filename*=UTF-8''Gr%C3%BC%C3%9Fe_.txt`,
    );
  });

  test('a file over 25 MB is refused with 413 and nothing of it is kept', async () => {
    const w = await world();
    expectError(await upload(w, w.owner, Buffer.alloc(25 * MB + 1, 7), 'huge.bin'), 413, 'file_too_large');
    expect((await cardOf(w)).attachments).toEqual([]);
    // Had the refused bytes been kept, 2 MB more would pass the team's 26 MB quota.
    expect((await upload(w, w.owner, randomBytes(2 * MB), 'fits.bin')).status).toBe(201);
  });

  test('an upload retried with the same Idempotency-Key answers the first one and attaches the file once', async () => {
    const w = await world();
    const send = () =>
      request(http)
        .post(w.files)
        .set(bearer(w.owner))
        .set('Idempotency-Key', 'upload-1')
        .attach('file', PDF, { filename: 'plan.pdf' });
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await cardOf(w)).attachments).toHaveLength(1);
  });

  test('an empty file is refused', async () => {
    const w = await world();
    expectError(await upload(w, w.owner, Buffer.alloc(0), 'empty.txt'), 400, 'empty_file');
    expect((await cardOf(w)).attachments).toEqual([]);
  });

  test('a body that is not multipart, or has no file field, is a clear 400', async () => {
    const w = await world();
    const json = await request(http).post(w.files).set(bearer(w.owner)).send({ file: 'x' });
    expectError(json, 400, 'multipart_required');
    const noFile = await request(http).post(w.files).set(bearer(w.owner)).field('note', 'hi');
    expectError(noFile, 400, 'multipart_required');
  });

  test("another team's member hears not found, uploading and downloading alike", async () => {
    const w = await world();
    const id = (await upload(w, w.owner, PDF, 'plan.pdf')).body.attachment.id as string;
    const stranger = await signUp(http, 'Mallory');
    await createTeam(http, stranger, 'Elsewhere');
    expectError(await upload(w, stranger, PDF, 'x.pdf'), 404);
    expectError(await download(`${w.files}/${id}`, stranger), 404);
    expectError(await request(http).delete(`${w.files}/${id}`).set(bearer(stranger)), 404);
    expect((await cardOf(w)).attachments).toHaveLength(1);
  });

  test('a viewer may download but not upload or delete', async () => {
    const w = await world();
    const id = (await upload(w, w.owner, PDF, 'plan.pdf')).body.attachment.id as string;
    const viewer = await signUp(http, 'Vera');
    await addMember(http, w.owner, w.teamId, viewer, 'viewer');
    expectError(await upload(w, viewer, PDF, 'mine.pdf'), 403);
    expectError(await request(http).delete(`${w.files}/${id}`).set(bearer(viewer)), 403);
    expect((await download(`${w.files}/${id}`, viewer)).status).toBe(200);
  });

  test('an upload to a card that is not on the board is not found', async () => {
    const w = await world();
    const res = await request(http)
      .post(`${w.boardUrl}/cards/00000000-0000-4000-8000-000000000000/attachments`)
      .set(bearer(w.owner))
      .attach('file', PDF, { filename: 'x.pdf' });
    expectError(res, 404);
  });

  test('deleting an attachment takes it off the card and deletes its bytes', async () => {
    const w = await world();
    const id = (await upload(w, w.owner, PDF, 'plan.pdf')).body.attachment.id as string;
    const del = await request(http).delete(`${w.files}/${id}`).set(bearer(w.owner));
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ deleted: id, seq: expect.any(Number) });
    expect((await cardOf(w)).attachments).toEqual([]);
    expectError(await download(`${w.files}/${id}`, w.owner), 404);
    expectError(await request(http).delete(`${w.files}/${id}`).set(bearer(w.owner)), 404);
  });

  test('the cover must be an image attachment of the card, and goes when its file goes', async () => {
    const w = await world();
    const pdf = (await upload(w, w.owner, PDF, 'plan.pdf')).body.attachment.id as string;
    const image = (await upload(w, w.owner, await png(40, 40), 'shot.png')).body.attachment.id as string;
    const cover = (coverAttachmentId: string | null) =>
      request(http).patch(`${w.boardUrl}/cards/${w.cardId}`).set(bearer(w.owner)).send({ coverAttachmentId });
    expectError(await cover(pdf), 422, 'cover_not_image');
    expectError(await cover('00000000-0000-4000-8000-000000000000'), 422, 'cover_not_attachment');
    const set = await cover(image);
    expect(set.status).toBe(200);
    expect(set.body.card.coverAttachmentId).toBe(image);
    await request(http).delete(`${w.files}/${image}`).set(bearer(w.owner)).expect(200);
    expect((await cardOf(w)).coverAttachmentId).toBeNull();
  });
});

describe('attachments against a small quota', () => {
  const small = startServer({ attachmentQuotaBytes: 100_000 });

  test('a file that would pass the team quota is refused with 413 and the files before it stay', async () => {
    const owner = await signUp(small.http, 'Quinn');
    const teamId = await createTeam(small.http, owner);
    const { url } = await createBoard(small.http, owner, teamId);
    const listId = await createList(small.http, owner, url, 'To Do');
    const cardId = await createCard(small.http, owner, url, listId, 'Files');
    const send = (bytes: Buffer) =>
      request(small.http)
        .post(`${url}/cards/${cardId}/attachments`)
        .set(bearer(owner))
        .attach('file', bytes, { filename: 'data.bin' });
    expect((await send(randomBytes(60_000))).status).toBe(201);
    expectError(await send(randomBytes(60_000)), 413, 'quota_exceeded');
    expect((await send(randomBytes(30_000))).status).toBe(201);
    expectError(await send(randomBytes(20_000)), 413, 'quota_exceeded');
  });

  test('deleting a card or a list for good deletes its files, so they stop counting against the quota', async () => {
    const owner = await signUp(small.http, 'Rhea');
    const teamId = await createTeam(small.http, owner);
    const { url } = await createBoard(small.http, owner, teamId);
    const attach = async (listId: string, title: string) => {
      const cardId = await createCard(small.http, owner, url, listId, title);
      const res = await request(small.http)
        .post(`${url}/cards/${cardId}/attachments`)
        .set(bearer(owner))
        .attach('file', randomBytes(70_000), { filename: 'data.bin' });
      return { cardId, status: res.status };
    };
    const first = await createList(small.http, owner, url, 'First');
    const doomed = await attach(first, 'Doomed card');
    expect(doomed.status).toBe(201);
    expect((await attach(first, 'Waiting')).status).toBe(413);
    await request(small.http).delete(`${url}/cards/${doomed.cardId}`).set(bearer(owner)).expect(200);
    expect((await attach(first, 'Next')).status).toBe(201);
    await request(small.http).delete(`${url}/lists/${first}`).set(bearer(owner)).expect(200);
    const second = await createList(small.http, owner, url, 'Second');
    expect((await attach(second, 'After the list')).status).toBe(201);
  });
});
