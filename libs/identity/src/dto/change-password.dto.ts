import { IsString, MaxLength } from 'class-validator';
import { NewPasswordField } from './fields';

export class ChangePasswordDto {
  @IsString({ message: 'currentPassword must be text' })
  @MaxLength(200, { message: 'currentPassword must be at most 200 characters long' })
  currentPassword!: string;

  @NewPasswordField('newPassword')
  newPassword!: string;
}
