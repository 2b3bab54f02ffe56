import { plainToInstance, Transform } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['json', 'pretty'] as const;

/** Variables whose values must never be echoed back in an error message. */
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'REDIS_URL', 'HOTSEAT_ADMIN_PASSWORD']);

/** Shortest password Hotseat accepts, for every staff account. */
export const MIN_PASSWORD_LENGTH = 10;

const toInteger = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;

/**
 * Every environment variable Hotseat reads, validated once at start.
 * The README's configuration table documents each one; keep the two in step.
 */
export class Environment {
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number from 1 to 65535' })
  @Min(1, { message: 'must be a whole number from 1 to 65535' })
  @Max(65535, { message: 'must be a whole number from 1 to 65535' })
  PORT: number = 3000;

  @IsString()
  @IsNotEmpty({ message: 'must be an interface address such as 0.0.0.0 or 127.0.0.1' })
  HOST: string = '0.0.0.0';

  /** Where people reach Hotseat; used to build the links sent to candidates and shadow hosts. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http:// or https:// URL such as https://hotseat.example.com' },
  )
  PUBLIC_URL?: string;

  @IsOptional()
  @IsUrl(
    { protocols: ['postgres', 'postgresql'], require_protocol: true, require_tld: false },
    { message: 'must be a postgres:// URL such as postgres://user:password@host:5432/hotseat' },
  )
  DATABASE_URL?: string;

  /**
   * Redis that several Hotseat instances share so that a role-play's two sides may be connected to
   * different instances (Socket.IO's Redis adapter). Unset: one instance, nothing to share.
   */
  @IsOptional()
  @IsUrl(
    { protocols: ['redis', 'rediss'], require_protocol: true, require_tld: false },
    { message: 'must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379' },
  )
  REDIS_URL?: string;

  /** Folder of the embedded database, used only when DATABASE_URL is not set. */
  @IsString()
  @IsNotEmpty({ message: 'must be a folder path' })
  HOTSEAT_DATA_DIR: string = './data';

  /** Folder of scenario scripts and help-center articles, loaded at start. */
  @IsString()
  @IsNotEmpty({ message: 'must be a folder path' })
  HOTSEAT_SCENARIOS_DIR: string = './scenarios';

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsIn(LOG_FORMATS, { message: `must be one of ${LOG_FORMATS.join(', ')}` })
  LOG_FORMAT: (typeof LOG_FORMATS)[number] = process.stdout.isTTY ? 'pretty' : 'json';

  /** Proxies (load balancers) in front of Hotseat whose X-Forwarded-For it trusts for client addresses. */
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of proxies from 0 to 10' })
  @Min(0, { message: 'must be a whole number of proxies from 0 to 10' })
  @Max(10, { message: 'must be a whole number of proxies from 0 to 10' })
  TRUST_PROXY_HOPS: number = 0;

  /**
   * How long a candidate's link still works once their role-play has ended, to read the transcript.
   * No link lives longer than 90 days, so neither may this.
   */
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number of hours from 0 to 2160' })
  @Min(0, { message: 'must be a whole number of hours from 0 to 2160' })
  @Max(2160, { message: 'must be a whole number of hours from 0 to 2160' })
  CANDIDATE_LINK_HOURS_AFTER_END: number = 24;

  /** The first admin, created at start when there are no staff accounts yet. */
  @ValidateIf((environment: Environment) => environment.HOTSEAT_ADMIN_PASSWORD !== undefined)
  @IsDefined({ message: 'must be set together with HOTSEAT_ADMIN_PASSWORD' })
  @IsEmail({}, { message: 'must be an email address' })
  HOTSEAT_ADMIN_EMAIL?: string;

  @ValidateIf((environment: Environment) => environment.HOTSEAT_ADMIN_EMAIL !== undefined)
  @IsDefined({ message: 'must be set together with HOTSEAT_ADMIN_EMAIL' })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, {
    message: `must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  })
  @MaxLength(200, { message: 'must be at most 200 characters long' })
  HOTSEAT_ADMIN_PASSWORD?: string;

  /** The public URL without a trailing slash; defaults to this machine on PORT. */
  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'InvalidEnvironmentError';
  }
}

/**
 * Reads and validates the configuration from `source` (normally `process.env`).
 * An empty value counts as unset. Throws InvalidEnvironmentError with one line per bad variable.
 */
export function loadEnvironment(source: Record<string, string | undefined>): Environment {
  const given = Object.fromEntries(
    Object.entries(source)
      .filter((entry): entry is [string, string] => (entry[1] ?? '').trim() !== '')
      .map(([name, value]) => [name, value.trim()]),
  );
  const environment = plainToInstance(Environment, given);
  // whitelist drops every variable this class does not declare (PATH, HOME, ...).
  const errors = validateSync(environment, { whitelist: true });
  if (errors.length > 0) {
    throw new InvalidEnvironmentError(
      errors.map((error) => {
        const reason = Object.values(error.constraints ?? {})[0] ?? 'is not valid';
        const value = given[error.property];
        const shown =
          value === undefined || SECRET_VARIABLES.has(error.property) ? '' : ` (got "${value}")`;
        return `${error.property} ${reason}${shown}.`;
      }),
    );
  }
  return environment;
}
