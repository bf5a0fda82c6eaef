/**
 * @jest-environment jsdom
 */
import { ApiClient, ApiError } from '../../web/src/api/client';
import { teamImporter } from '../../web/src/imports/import-api';

const TEAM = '0190a000-0000-7000-8000-0000000000f1';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** An XMLHttpRequest that answers from a script and records what was sent. */
class ScriptedXhr {
  static answers: Answer[] = [];
  static sent: { url: string; headers: Record<string, string>; file: FormDataEntryValue | null }[] = [];
  readonly upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } =
    { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = '';
  private url = '';
  private readonly headers: Record<string, string> = {};
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(form: FormData) {
    ScriptedXhr.sent.push({ url: this.url, headers: this.headers, file: form.get('file') });
    const answer = ScriptedXhr.answers.shift() ?? { status: 500, body: '' };
    setTimeout(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
      this.status = answer.status;
      this.responseText = answer.body;
      this.onload?.();
    });
  }
}

const file = new File(['{}'], 'board.json', { type: 'application/json' });
const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body) });
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => err as ApiError,
  );

let api: ApiClient;
beforeEach(() => {
  ScriptedXhr.answers = [];
  ScriptedXhr.sent = [];
  Object.assign(globalThis, { XMLHttpRequest: ScriptedXhr });
  api = new ApiClient();
  api.setAccessToken('token-1');
});

describe('the web client of the import routes', () => {
  test('a preview is the file as multipart field "file" to the route with preview=1, with the token', async () => {
    const preview = { boardName: 'Roadmap', lists: 1 };
    ScriptedXhr.answers.push(json(200, { preview }));
    const progress: number[] = [];

    await expect(teamImporter(api, TEAM).preview('trello', file, (f) => progress.push(f))).resolves.toEqual(preview);
    expect(ScriptedXhr.sent).toEqual([
      {
        url: `/api/teams/${TEAM}/imports/trello?preview=1`,
        headers: { Authorization: 'Bearer token-1', Accept: 'application/json' },
        file: expect.objectContaining({ name: 'board.json' }),
      },
    ]);
    expect(progress).toEqual([0.5]);
  });

  test('an import answers the new board and its report', async () => {
    const board = { id: 'b1', title: 'Roadmap' };
    const report = { cards: 3, skipped: [] };
    ScriptedXhr.answers.push(json(201, { board, report }));

    await expect(teamImporter(api, TEAM).run('boardroom', file, () => undefined)).resolves.toEqual({
      kind: 'imported',
      board,
      report,
    });
    expect(ScriptedXhr.sent[0]!.url).toBe(`/api/teams/${TEAM}/imports/boardroom`);
  });

  test('409 already_imported is an outcome naming the existing board, not an error', async () => {
    ScriptedXhr.answers.push(
      json(409, { error: { code: 'already_imported', message: 'Imported before.', boardId: 'b-old' } }),
    );
    await expect(teamImporter(api, TEAM).run('trello', file, () => undefined)).resolves.toEqual({
      kind: 'duplicate',
      boardId: 'b-old',
      message: 'Imported before.',
    });
  });

  test('a refused file throws the server’s code and message', async () => {
    ScriptedXhr.answers.push(json(400, { error: { code: 'invalid_import', message: 'Not a Trello export.' } }));
    const err = await failure(teamImporter(api, TEAM).preview('trello', file, () => undefined));
    expect(err).toBeInstanceOf(ApiError);
    expect([err?.status, err?.code, err?.message]).toEqual([400, 'invalid_import', 'Not a Trello export.']);
  });

  test('a bare 413 from a proxy still reads as too large', async () => {
    ScriptedXhr.answers.push({ status: 413, body: '<html>Request Entity Too Large</html>' });
    const err = await failure(teamImporter(api, TEAM).run('trello', file, () => undefined));
    expect([err?.code, err?.message]).toEqual(['payload_too_large', 'The file is too large to import.']);
  });

  test('an expired token is refreshed once and the upload sent again with the new one', async () => {
    jest.spyOn(api, 'refresh').mockImplementation(async () => (api.setAccessToken('token-2'), true));
    ScriptedXhr.answers.push(json(401, { error: { code: 'unauthorized', message: 'expired' } }));
    ScriptedXhr.answers.push(json(200, { preview: { boardName: 'Roadmap' } }));

    await teamImporter(api, TEAM).preview('trello', file, () => undefined);
    expect(ScriptedXhr.sent.map((s) => s.headers.Authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });
});
