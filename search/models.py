from django.db import models
from django.db.models.functions import Lower

from search.terms import search_terms


class SearchSynonym(models.Model):
    """Words a visitor may type for what the site calls something else: an acronym and what it
    stands for, or two names for one thing. A search for either finds pages that use the other.
    Editors keep the list in the admin (Snippets → Search synonyms); load_demo seeds it from the
    "Long Name (ACRONYM)" text in the content (search/acronyms.py)."""

    term = models.CharField(
        max_length=60,
        help_text="What a visitor might type: an acronym such as “SPR”, or another word for it.",
    )
    means = models.CharField(
        max_length=200,
        help_text="The words the site uses, such as “Strategic Policing Requirement”.",
    )

    # The words of each, as a search reads them (search.terms), to look a query's phrases up by.
    term_words = models.CharField(max_length=60, editable=False, db_index=True)
    means_words = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        ordering = ["term", "means"]
        verbose_name = "search synonym"
        constraints = [
            models.UniqueConstraint(Lower("term"), Lower("means"), name="search_synonym_unique_pair"),
        ]

    def __str__(self):
        return f"{self.term} = {self.means}"

    def save(self, *args, **kwargs):
        self.term_words = " ".join(search_terms(self.term))
        self.means_words = " ".join(search_terms(self.means))
        super().save(*args, **kwargs)
