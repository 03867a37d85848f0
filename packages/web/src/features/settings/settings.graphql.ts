import { graphql } from "../../gql";

export const OrganisationSettingsDocument = graphql(`
  query OrganisationSettings {
    organisationSettings {
      siteName
      sessionTtlHours
      exceptionReminderDays
      updatedAt
    }
  }
`);

export const UpdateOrganisationSettingsDocument = graphql(`
  mutation UpdateOrganisationSettings($input: UpdateOrganisationSettingsInput!) {
    updateOrganisationSettings(input: $input) {
      siteName
      sessionTtlHours
      exceptionReminderDays
      updatedAt
    }
  }
`);
