import { Modal } from './Modal';
import { SHORTCUTS } from './shortcuts';

/** The help sheet "?" opens: every board shortcut and what it does. */
export const ShortcutHelp = ({ onClose }: { onClose: () => void }) => (
  <Modal labelledBy="shortcut-help-title" onClose={onClose}>
    <h2 id="shortcut-help-title" className="mb-3 text-lg font-semibold">
      Keyboard shortcuts
    </h2>
    <table className="w-full text-sm">
      <thead className="sr-only">
        <tr>
          <th scope="col">Keys</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {SHORTCUTS.map((s) => (
          <tr key={s.action} className="border-t border-slate-200">
            <td className="py-1 pr-3 whitespace-nowrap">
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ' or '}
                  <kbd className="rounded border border-slate-300 bg-slate-100 px-1 font-mono">{k}</kbd>
                </span>
              ))}
            </td>
            <td className="py-1">{s.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <p className="mt-3 text-sm text-slate-700">
      Shortcuts do nothing while you type in a field, so the browser’s own undo works there. Tab to a card to focus it.
    </p>
    <button type="button" className="mt-3 rounded bg-slate-200 px-3 py-1" onClick={onClose}>
      Close
    </button>
  </Modal>
);
