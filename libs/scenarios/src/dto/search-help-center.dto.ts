import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';
import { SLUG } from './fields';

export class SearchHelpCenterDto {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString({ message: 'q must be the text to search for' })
  @Length(1, 200, { message: 'q must be 1 to 200 characters long' })
  q!: string;

  @IsString({ message: 'product must be a product id, such as tixly' })
  @Matches(SLUG, { message: 'product must be a product id, such as tixly' })
  product!: string;
}
