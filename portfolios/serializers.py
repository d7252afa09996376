from rest_framework import serializers


class PersonSerializer(serializers.Serializer):
    """A person as the API shows them wherever they are named (a lead, a contact, a speaker)."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    slug = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True)
    organisation = serializers.CharField(read_only=True)
