/** @jsxRuntime automatic */
/** @jsxImportSource react */
/** Title, description and Open Graph text of the public home page (also used for its meta tags). */
export const LANDING_META = {
  title: 'Boardroom: the real-time Kanban board for your team',
  description:
    'Plan work together on boards that update live for everyone. Drag cards, work offline, and see who changed what. Self-hosted and open source.',
} as const;

const FEATURES = [
  {
    title: 'Live for everyone',
    text: 'Every move, rename and comment appears on your teammates’ screens as it happens.',
  },
  {
    title: 'Works offline',
    text: 'Keep working on a train. Your changes wait on your device and sync, exactly once, when you are back.',
  },
  {
    title: 'Keyboard first',
    text: 'Pick up a card with Space, move it with the arrow keys, drop it with Space. Screen readers hear every step.',
  },
  {
    title: 'Roles that fit',
    text: 'Owners, admins, members and viewers: everyone sees the board, only the right people change it.',
  },
  {
    title: 'Activity you can read',
    text: '“Alice moved “Fix login” from To Do to Done.” The feed tells the story of the board.',
  },
  {
    title: 'Yours to run',
    text: 'One command starts it with embedded Postgres; sharded Postgres and Redis when you grow.',
  },
] as const;

/**
 * The public home page. Rendered on the server (react-dom/server) and readable without JavaScript,
 * so it uses no browser APIs, no state and no effects: only markup and links.
 */
export const Landing = () => (
  <div className="min-h-screen bg-slate-50 text-slate-900">
    <header className="flex items-center gap-4 bg-indigo-700 px-6 py-3 text-white">
      <span className="text-lg font-semibold">Boardroom</span>
      <nav className="ml-auto flex gap-4 text-sm" aria-label="Account">
        <a href="/login" className="underline">
          Log in
        </a>
        <a href="/signup" className="rounded bg-white px-3 py-1 font-medium text-indigo-800">
          Sign up free
        </a>
      </nav>
    </header>
    <main>
      <section className="mx-auto max-w-4xl px-6 py-16 text-center">
        <h1 className="text-4xl font-bold tracking-tight">The Kanban board your whole team works on at once</h1>
        <p className="mx-auto mt-4 max-w-2xl text-lg text-slate-600">{LANDING_META.description}</p>
        <p className="mt-8">
          <a href="/signup" className="rounded-lg bg-indigo-700 px-5 py-3 font-medium text-white">
            Create your first board
          </a>
        </p>
      </section>
      <section aria-labelledby="features" className="mx-auto max-w-5xl px-6 pb-16">
        <h2 id="features" className="mb-6 text-center text-2xl font-semibold">
          Why teams pick Boardroom
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {FEATURES.map((f) => (
            <li key={f.title} className="rounded-lg bg-white p-5 shadow-sm">
              <h3 className="font-semibold">{f.title}</h3>
              <p className="mt-1 text-sm text-slate-600">{f.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </main>
    <footer className="border-t border-slate-200 px-6 py-4 text-center text-sm text-slate-500">
      Boardroom, MIT licensed.
    </footer>
  </div>
);
