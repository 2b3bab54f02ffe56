export { Optional, Trim, NameField } from './fields';
export {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  PageQuery,
  decodeCursor,
  encodeCursor,
  pageOf,
  sendPage,
  type Page,
  type PageRequest,
  type Position,
} from './paging';
