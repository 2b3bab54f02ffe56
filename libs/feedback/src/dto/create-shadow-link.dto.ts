import { NameField } from '@hotseat/validation';

/** The support agent the candidate will sit with; their form greets them by this name. */
export class CreateShadowLinkDto {
  @NameField('hostName')
  hostName!: string;
}
