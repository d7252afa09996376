from django.db import models


class PublicationType(models.TextChoices):
    GUIDANCE = "guidance", "Guidance"
    EXPLAINER = "explainer", "Explainer"
    REPORT = "report", "Report"
    BRIEFING = "briefing", "Briefing"
    RESPONSE = "response", "Consultation response"
