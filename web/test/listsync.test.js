import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeFirstPage } from '../js/listsync.js';

const id = (item) => item.id;
const jobs = (...ids) => ids.map((n) => ({ id: `j${n}`, v: 0 }));

test('a refreshed first page replaces its jobs and keeps the older pages loaded after it', () => {
  const loaded = jobs(5, 4, 3, 2, 1);
  const page = [{ id: 'j5', v: 1 }, { id: 'j4', v: 1 }];
  const merged = mergeFirstPage(loaded, page, id);
  assert.deepEqual(merged.map(id), ['j5', 'j4', 'j3', 'j2', 'j1']);
  assert.equal(merged[0].v, 1);
});

test('a new job pushes the first page down: the job that left the page stays, nothing is listed twice', () => {
  const loaded = jobs(5, 4, 3, 2, 1);
  const merged = mergeFirstPage(loaded, jobs(6, 5), id);
  assert.deepEqual(merged.map(id), ['j6', 'j5', 'j4', 'j3', 'j2', 'j1']);
});

test('a job gone (deleted) from the first page is gone from the list', () => {
  const merged = mergeFirstPage(jobs(5, 4, 3, 2, 1), jobs(5, 3), id);
  assert.deepEqual(merged.map(id), ['j5', 'j3', 'j2', 'j1']);
});

test('a page that shares nothing with what was loaded stands alone (older pages would be out of order)', () => {
  assert.deepEqual(mergeFirstPage(jobs(3, 2, 1), jobs(9, 8), id).map(id), ['j9', 'j8']);
  assert.deepEqual(mergeFirstPage(jobs(3, 2, 1), [], id), []);
});
