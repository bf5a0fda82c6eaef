import type { BoardOpKind } from './board-op';

/**
 * The REST spelling of every board op, in one table the server's routes, the OpenAPI document and the
 * browser's transport all read: method, path below `/api/teams/:teamId/boards/:boardId`, the op fields
 * the path carries, the success status and the key the reply wraps the result in. The body is the op
 * minus `kind` and the path's fields (`opBody`).
 */
export interface OpRoute {
  readonly method: 'POST' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly pathKeys: readonly string[];
  readonly status: 200 | 201;
  /** `card`, `label`…: the reply is `{[wrap]: result, seq}`; `deleted`: `{deleted: id, seq}`. */
  readonly wrap: string;
  readonly summary: string;
}

const r = (
  method: OpRoute['method'],
  path: string,
  status: OpRoute['status'],
  wrap: string,
  summary: string,
): OpRoute => ({ method, path, pathKeys: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!), status, wrap, summary });

const C = '/cards/:cardId';
const CL = `${C}/checklists/:checklistId`;

export const OP_ROUTES: Readonly<Record<BoardOpKind, OpRoute>> = {
  'board.update': r('PATCH', '', 200, 'board', 'Rename or archive a board'),
  'list.create': r('POST', '/lists', 201, 'list', 'Create a list'),
  'list.update': r('PATCH', '/lists/:listId', 200, 'list', 'Rename or archive a list'),
  'list.move': r('POST', '/lists/:listId/move', 200, 'list', 'Reorder a list'),
  'list.delete': r('DELETE', '/lists/:listId', 200, 'deleted', 'Delete a list and its cards'),
  'card.create': r('POST', '/cards', 201, 'card', 'Create a card'),
  'card.update': r('PATCH', C, 200, 'card', 'Edit, date or archive a card'),
  'card.move': r('POST', `${C}/move`, 200, 'card', 'Move a card'),
  'card.delete': r('DELETE', C, 200, 'deleted', 'Delete a card'),
  'comment.create': r('POST', `${C}/comments`, 201, 'comment', 'Comment on a card'),
  'comment.update': r('PATCH', `${C}/comments/:commentId`, 200, 'comment', 'Edit a comment (its author)'),
  'comment.delete': r(
    'DELETE',
    `${C}/comments/:commentId`,
    200,
    'deleted',
    'Delete a comment (its author or an admin)',
  ),
  'label.create': r('POST', '/labels', 201, 'label', 'Add a label to the board’s set'),
  'label.update': r('PATCH', '/labels/:labelId', 200, 'label', 'Rename or recolour a label (renamed on its cards)'),
  'label.delete': r('DELETE', '/labels/:labelId', 200, 'deleted', 'Delete a label (taken off its cards)'),
  'card.label.add': r('POST', `${C}/labels`, 200, 'card', 'Put a label of the board on a card'),
  'card.label.remove': r('DELETE', `${C}/labels/:label`, 200, 'card', 'Take a label (by name) off a card'),
  'card.member.add': r('POST', `${C}/members`, 200, 'card', 'Assign a team member to a card'),
  'card.member.remove': r('DELETE', `${C}/members/:userId`, 200, 'card', 'Unassign a member from a card'),
  'checklist.create': r('POST', `${C}/checklists`, 201, 'card', 'Add a checklist to a card'),
  'checklist.update': r('PATCH', CL, 200, 'card', 'Rename a checklist'),
  'checklist.delete': r('DELETE', CL, 200, 'card', 'Delete a checklist'),
  'checklist.item.create': r('POST', `${CL}/items`, 201, 'card', 'Add an item to a checklist'),
  'checklist.item.update': r('PATCH', `${CL}/items/:itemId`, 200, 'card', 'Rename, check or uncheck an item'),
  'checklist.item.move': r('POST', `${CL}/items/:itemId/move`, 200, 'card', 'Reorder an item'),
  'checklist.item.delete': r('DELETE', `${CL}/items/:itemId`, 200, 'card', 'Delete an item'),
};

/** The kinds whose routes the HTTP adapter registers from this table alone (the card model's). */
export const TABLE_ROUTED_KINDS: readonly BoardOpKind[] = [
  'comment.update',
  'comment.delete',
  'label.create',
  'label.update',
  'label.delete',
  'card.label.add',
  'card.label.remove',
  'card.member.add',
  'card.member.remove',
  'checklist.create',
  'checklist.update',
  'checklist.delete',
  'checklist.item.create',
  'checklist.item.update',
  'checklist.item.move',
  'checklist.item.delete',
];
