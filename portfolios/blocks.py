from portal.blocks import BaseStreamBlock, PrioritiesBlock


class PolicyAreaBodyBlock(BaseStreamBlock):
    priorities = PrioritiesBlock()
