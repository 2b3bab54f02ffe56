import {
  BadRequestException,
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { CreateUserDto } from './dto/create-user.dto';
import type { UpdateUserDto } from './dto/update-user.dto';
import { toUserResponse, type UserResponse } from './dto/user.response';
import { StaffSession } from './entities/staff-session.entity';
import { User } from './entities/user.entity';
import { normalizeEmail } from './email';
import { isUniqueViolation } from './identity.errors';
import { generatePassword, hashPassword } from './passwords';

export interface CreatedUser {
  user: UserResponse;
  /** Only when Hotseat chose the password: shown once, never stored in clear. */
  generatedPassword?: string;
}

/** Staff accounts. Callers are admins (checked by the controller's @Roles) or the CLI. */
@Injectable()
export class UsersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(): Promise<UserResponse[]> {
    const users = await this.dataSource.getRepository(User).find({ order: { createdAt: 'ASC' } });
    return users.map(toUserResponse);
  }

  async create(
    input: CreateUserDto,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CreatedUser> {
    const generatedPassword = input.password ? undefined : generatePassword();
    const repository = manager.getRepository(User);
    try {
      const user = await repository.save(
        repository.create({
          email: normalizeEmail(input.email),
          name: input.name,
          role: input.role,
          passwordHash: await hashPassword(input.password ?? generatedPassword!),
          disabledAt: null,
        }),
      );
      return { user: toUserResponse(user), generatedPassword };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictException(
          `A staff account with the email ${input.email} already exists.`,
        );
      }
      throw error;
    }
  }

  /**
   * Applies an admin's changes. Disabling or changing a password ends the person's sessions at once;
   * the last active admin can be neither disabled nor demoted, so someone can always manage accounts.
   */
  async update(id: string, changes: UpdateUserDto): Promise<UserResponse> {
    if (Object.values(changes).every((value) => value === undefined)) {
      throw new BadRequestException('Send at least one of name, role, disabled or password.');
    }
    return this.dataSource.transaction(async (manager) => {
      const users = manager.getRepository(User);
      const user = await users.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundException('There is no staff account with this id.');

      const activeAdmin = user.role === 'admin' && user.disabledAt === null;
      const losesAdmin =
        (changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true;
      if (activeAdmin && losesAdmin) {
        const admins = await users.find({
          where: { role: 'admin', disabledAt: IsNull() },
          lock: { mode: 'pessimistic_write' },
        });
        if (admins.length <= 1) {
          throw new ConflictException(
            'This is the last active admin. Make someone else an admin first.',
          );
        }
      }

      if (changes.name !== undefined) user.name = changes.name;
      if (changes.role !== undefined) user.role = changes.role;
      if (changes.disabled !== undefined) {
        user.disabledAt = changes.disabled ? (user.disabledAt ?? new Date()) : null;
      }
      if (changes.password !== undefined) user.passwordHash = await hashPassword(changes.password);
      await users.save(user);

      if (changes.disabled === true || changes.password !== undefined) {
        await manager.getRepository(StaffSession).delete({ userId: user.id });
      }
      return toUserResponse(user);
    });
  }
}
