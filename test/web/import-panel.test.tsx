/**
 * @jest-environment jsdom
 */
import './support/text-encoder';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { ApiError } from '../../web/src/api/client';
import type { Importer, ImportOutcome, ImportPreview, ImportReport } from '../../web/src/imports/import-api';
import { ImportBoard } from '../../web/src/imports/ImportBoard';

const TEAM = '0190a000-0000-7000-8000-0000000000e1';
const NEW_BOARD = '0190a000-0000-7000-8000-0000000000e2';

const members = {
  matched: [{ trelloName: 'Alice Doe', userId: 'u-alice', name: 'Alice' }],
  unmatched: [{ trelloName: 'Zed Ghost', username: 'zedghost' }],
};
const counts = { lists: 3, cards: 12, labels: 4, checklists: 2, checkItems: 7, comments: 5, attachments: 1, members };
const preview: ImportPreview = { ...counts, boardName: 'Roadmap', warnings: ['2 cards have no list'] };
const report: ImportReport = {
  ...counts,
  skipped: [{ what: 'attachment "spec.pdf"', reason: 'files are not in the export' }],
};

/** A promise the test settles by hand, to look at the panel while a request is under way. */
const deferred = <T,>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

/** An importer whose answers the test gives, recording each upload's progress callback. */
const fakeImporter = () => {
  const previews = deferred<ImportPreview>();
  const runs = deferred<ImportOutcome>();
  const progress: Record<'preview' | 'run', (f: number) => void> = { preview: () => undefined, run: () => undefined };
  const importer: Importer = {
    preview: jest.fn((_s, _f, onProgress) => ((progress.preview = onProgress), previews.promise)),
    run: jest.fn((_s, _f, onProgress) => ((progress.run = onProgress), runs.promise)),
  };
  return { importer, previews, runs, progress };
};

const show = () => {
  const fake = fakeImporter();
  const onImported = jest.fn();
  render(
    <MemoryRouter>
      <ImportBoard teamId={TEAM} teamName="Ops" importer={fake.importer} onImported={onImported} />
    </MemoryRouter>,
  );
  return { ...fake, onImported };
};

const exportFile = new File(['{"name":"Roadmap"}'], 'roadmap.json', { type: 'application/json' });

/** Opens "Import from Trello", picks the file and answers the preview. */
const previewed = async () => {
  const fake = show();
  fireEvent.click(screen.getByRole('button', { name: 'Import from Trello into Ops' }));
  fireEvent.change(screen.getByLabelText('Trello export (JSON file)'), { target: { files: [exportFile] } });
  await act(async () => fake.previews.resolve(preview));
  return fake;
};

const progressbar = () => screen.getByRole('progressbar');

describe('importing a board from an export', () => {
  test('the Trello action opens a panel whose labelled file field has the focus', () => {
    show();
    const opener = screen.getByRole('button', { name: 'Import from Trello into Ops' });
    fireEvent.click(opener);
    expect(opener.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('Trello export (JSON file)'));
  });

  test('a picked file is uploaded for a preview with its progress shown, nothing imported yet', async () => {
    const { importer, progress } = show();
    fireEvent.click(screen.getByRole('button', { name: 'Import from Trello into Ops' }));
    fireEvent.change(screen.getByLabelText('Trello export (JSON file)'), { target: { files: [exportFile] } });
    act(() => progress.preview(0.25));
    expect(progressbar().getAttribute('aria-valuenow')).toBe('25');
    expect(importer.preview).toHaveBeenCalledWith('trello', exportFile, expect.any(Function));
    expect(importer.run).not.toHaveBeenCalled();
  });

  test('the preview names the board and counts what it holds, its members and warnings, and takes focus', async () => {
    await previewed();
    const heading = screen.getByRole('heading', { name: 'Preview of “Roadmap”' });
    expect(document.activeElement).toBe(heading);
    const terms = within(screen.getByTestId('import-counts')).getAllByRole('term');
    const numbers = within(screen.getByTestId('import-counts')).getAllByRole('definition');
    expect(terms.map((t, i) => `${t.textContent} ${numbers[i]!.textContent}`)).toEqual([
      'Lists 3',
      'Cards 12',
      'Labels 4',
      'Checklists 2',
      'Checklist items 7',
      'Comments 5',
      'Attachments 1',
    ]);
    expect(screen.getByTestId('matched-members').textContent).toBe('Alice Doe → Alice');
    expect(screen.getByTestId('unmatched-members').textContent).toBe('Zed Ghost (@zedghost)');
    expect(screen.getByTestId('import-warnings').textContent).toBe('2 cards have no list');
  });

  test('a long list of warnings shows the first 50 and says how many more there are', async () => {
    const { previews } = show();
    fireEvent.click(screen.getByRole('button', { name: 'Import from Trello into Ops' }));
    fireEvent.change(screen.getByLabelText('Trello export (JSON file)'), { target: { files: [exportFile] } });
    const warnings = Array.from({ length: 1200 }, (_, i) => `card ${i} has an attachment that is a file`);
    await act(async () => previews.resolve({ ...preview, warnings }));
    expect(screen.getByRole('heading', { name: 'Warnings (1200)' })).toBeTruthy();
    expect(within(screen.getByTestId('import-warnings')).getAllByRole('listitem')).toHaveLength(50);
    expect(screen.getByText('…and 1150 more.')).toBeTruthy();
  });

  test('Import shows upload progress, then an indeterminate bar while the server imports', async () => {
    const { importer, progress } = await previewed();
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(importer.run).toHaveBeenCalledWith('trello', exportFile, expect.any(Function));
    act(() => progress.run(0.4));
    expect(progressbar().getAttribute('aria-valuenow')).toBe('40');
    act(() => progress.run(1));
    expect(progressbar().hasAttribute('aria-valuenow')).toBe(false);
    expect(progressbar().getAttribute('aria-valuetext')).toBe('Importing…');
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });

  test('a finished import links to the new board and reports what it skipped and who was not found', async () => {
    const { runs, onImported } = await previewed();
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await act(async () => runs.resolve({ kind: 'imported', board: { id: NEW_BOARD, title: 'Roadmap' }, report }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Imported' }));
    expect(screen.getByRole('link', { name: 'Open Roadmap' }).getAttribute('href')).toBe(
      `/app/teams/${TEAM}/boards/${NEW_BOARD}`,
    );
    expect(screen.getByTestId('import-skipped').textContent).toBe('attachment "spec.pdf": files are not in the export');
    expect(screen.getByTestId('unmatched-members').textContent).toBe('Zed Ghost (@zedghost)');
    expect(onImported).toHaveBeenCalledTimes(1);
  });

  test('an export imported before says so and links to the board it made, focused', async () => {
    const { runs, onImported } = await previewed();
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const boardId = '0190a000-0000-7000-8000-0000000000e3';
    await act(async () =>
      runs.resolve({ kind: 'duplicate', boardId, message: 'This export was already imported into this team' }),
    );
    expect(screen.getByRole('alert').textContent).toBe('This export was already imported into this team');
    const link = screen.getByRole('link', { name: 'Open the board it was imported into' });
    expect(link.getAttribute('href')).toBe(`/app/teams/${TEAM}/boards/${boardId}`);
    expect(document.activeElement).toBe(link);
    expect(onImported).not.toHaveBeenCalled();
  });

  test('a file the server refuses shows its message as an alert and the field to pick another', async () => {
    const { previews } = show();
    fireEvent.click(screen.getByRole('button', { name: 'Import from Trello into Ops' }));
    fireEvent.change(screen.getByLabelText('Trello export (JSON file)'), { target: { files: [exportFile] } });
    await act(async () => previews.reject(new ApiError(400, 'invalid_import', 'This is not a Trello export.')));
    expect(screen.getByRole('alert').textContent).toBe('This is not a Trello export.');
    expect(document.activeElement).toBe(screen.getByLabelText('Trello export (JSON file)'));
  });

  test('an import the server refuses keeps the preview, shows why and offers Import again', async () => {
    const { runs } = await previewed();
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await act(async () => runs.reject(new ApiError(403, 'forbidden', 'Viewers cannot import boards.')));
    expect(screen.getByRole('alert').textContent).toBe('Viewers cannot import boards.');
    expect(screen.getByRole('heading', { name: 'Preview of “Roadmap”' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Import' }));
  });

  test('a Boardroom export is sent to the Boardroom importer', () => {
    const { importer } = show();
    fireEvent.click(screen.getByRole('button', { name: 'Import a Boardroom export into Ops' }));
    fireEvent.change(screen.getByLabelText('Boardroom export (JSON file)'), { target: { files: [exportFile] } });
    expect(importer.preview).toHaveBeenCalledWith('boardroom', exportFile, expect.any(Function));
  });

  test('Cancel closes the panel and gives the focus back to the action that opened it', () => {
    show();
    const opener = screen.getByRole('button', { name: 'Import from Trello into Ops' });
    fireEvent.click(opener);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByTestId('import-panel')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
