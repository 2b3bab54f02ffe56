export { Optional, Trim, NameField, NestedField } from './fields';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  PageQuery,
  CURSOR_PATTERN,
  olderThan,
  pageOf,
  sendPage,
  type Page,
  type PageRequest,
} from './paging';
export { MAX_INPUT_DEPTH, untrustedInputProblem, type InputProblem } from './untrusted-input';
