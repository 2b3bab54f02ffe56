/**
 * Every migration, oldest first. `npm run db:generate -- Name` writes a new file here; add its class
 * to this list (the "migrations match the entities" test fails until you do).
 */
export const migrations: Array<new () => object> = [];
